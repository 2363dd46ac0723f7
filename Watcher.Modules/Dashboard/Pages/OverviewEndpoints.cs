using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.ActionPlans;
using Watcher.Modules.Api.Audits;
using Watcher.Modules.Api.Services;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Dashboard.Http;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Dashboard.Pages;

/// <summary>/ui: the cluster now, the latest audits and plans, the services' liveness.</summary>
public static class OverviewEndpoints
{
    private const int Latest = 6;

    public static void MapOverviewPages(this RouteGroupBuilder ui) =>
        ui.MapGet("", async (HttpContext http, IMediator m) =>
        {
            IReadOnlyList<HostUsage> hosts = [];
            string? clusterError = null;
            try
            {
                hosts = HostUsage.All(await m.Send(new GetComputeModel(), http.RequestAborted));
            }
            catch (WatcherException e)
            {
                clusterError = e.Message;   // the rest of the page still helps
            }
            var none = UiRequests.NoFilters;
            var audits = await m.ListAsync(http, "audits", q => new ListAudits(q), none, Latest);
            var plans = await m.ListAsync(http, "action_plans", q => new ListActionPlans(q), none, Latest);
            var services = await m.AllAsync(http, "services", q => new ListServices(q));
            return UiResults.Page<OverviewPage>(new OverviewModel(hosts, clusterError, audits.Items, plans.Items, services));
        });
}
