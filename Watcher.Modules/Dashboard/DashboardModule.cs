using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Watcher.Modules.Dashboard.Http;
using Watcher.Modules.Dashboard.Pages;

namespace Watcher.Modules.Dashboard;

/// <summary>
/// The operator dashboard under /ui: Razor components rendered on the server (static SSR, no circuit), sending
/// the same MediatR requests as the API, with a little JavaScript for live regions. Every asset is embedded.
/// </summary>
public static class DashboardModule
{
    public const string Root = "/ui";

    public static IServiceCollection AddDashboard(this IServiceCollection services)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "watcher-ui-csrf";
            o.FormFieldName = Csrf.FieldName;
        });
        // Antiforgery brings data protection, whose hosted service loads (or creates) the key ring at start-up: XML,
        // cryptography, key files, about 6 MB that an idle process or an API-only user never needs (ADR 56). Without
        // it the key ring loads at the first dashboard form instead; keys, their storage and rotation are unchanged.
        var warmUp = services.FirstOrDefault(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.FullName == KeyRingWarmUp);
        if (warmUp is not null) services.Remove(warmUp);
        return services;
    }

    private const string KeyRingWarmUp = "Microsoft.AspNetCore.DataProtection.Internal.DataProtectionHostedService";

    /// <summary>Before the API's middleware: a browser opening / goes to the dashboard, JSON clients keep the version document.</summary>
    public static WebApplication UseDashboard(this WebApplication app)
    {
        app.Use(RootRedirect.Handle);
        return app;
    }

    /// <summary>
    /// All pages hang off one group, so authentication (issue 8's caller authentication and policy, the Keystone token
    /// kept in a cookie by the login page) is one filter here: <see cref="LoginGate"/>.
    /// </summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        var ui = app.MapGroup(Root).ExcludeFromDescription().AddEndpointFilter<UiErrorFilter>().AddEndpointFilter<LoginGate>();
        ui.MapAssets();
        ui.MapLoginPages();
        ui.MapOverviewPages();
        ui.MapCatalogPages();
        ui.MapAuditTemplatePages();
        ui.MapAuditPages();
        ui.MapActionPlanPages();
        // A RequestDelegate, not a Delegate: the request delegate generator (ASP.NET 10.0) maps MapFallback(pattern,
        // Delegate) on "{*path:nonfile}" whatever the pattern, which would turn every unknown /v1 path into this page.
        app.MapFallback($"{Root}/{{**path}}", http => UiErrorFilter.NotFound(http).ExecuteAsync(http)).ExcludeFromDescription();
        return app;
    }
}
