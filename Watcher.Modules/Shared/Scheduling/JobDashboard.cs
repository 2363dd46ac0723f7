using System.Net;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// Hangfire's dashboard at /hangfire: read-only (no retry, delete or trigger buttons) and answered to loopback
/// callers only, as the API has no authentication yet (ADR 3); once it has, the dashboard is for admins only.
/// </summary>
public static class JobDashboard
{
    public const string Path = "/hangfire";

    public static WebApplication UseJobDashboard(this WebApplication app)
    {
        app.UseHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new LoopbackOnly()],
            IsReadOnlyFunc = _ => true,
            DashboardTitle = "Watcher jobs",
            AppPath = null,
        }, app.Services.GetRequiredService<JobStorage>());
        return app;
    }

    /// <summary>Hangfire's own local-requests filter refuses callers whose address it cannot read; this one reads it from ASP.NET.</summary>
    internal sealed class LoopbackOnly : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            var remote = context.GetHttpContext().Connection.RemoteIpAddress;
            return remote is not null && IPAddress.IsLoopback(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote);
        }
    }
}
