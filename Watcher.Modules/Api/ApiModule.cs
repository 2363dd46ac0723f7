using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Api.ActionPlans;
using Watcher.Modules.Api.Actions;
using Watcher.Modules.Api.Audits;
using Watcher.Modules.Api.AuditTemplates;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Contracts;
using Watcher.Modules.Api.DataModel;
using Watcher.Modules.Api.Events;
using Watcher.Modules.Api.Goals;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Watcher.Modules.Api.Progress;
using Watcher.Modules.Api.ScoringEngines;
using Watcher.Modules.Api.Services;
using Watcher.Modules.Api.Strategies;
using Watcher.Modules.Api.Versions;
using Watcher.Modules.Api.Webhooks;
using Watcher.Modules.Cloud.OpenStack.Contracts;
using Watcher.Modules.Api.WhatIf;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api;

/// <summary>The HTTP edge: OpenStack Watcher API v1, compatible with python-watcherclient.</summary>
public static class ApiModule
{
    private const string CorsPolicy = "watcher-api";

    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.ConfigureHttpJsonOptions(o => WatcherJson.Configure(o.SerializerOptions));
        services.AddBoundHostFiltering(configuration);
        services.AddSingleton<Policy>();
        services.AddSingleton<ActionDescriptions>();
        var mode = AddAuthentication(services, configuration);
        services.AddApiDocument(mode, webhooksPublic: !(configuration.GetValue<bool?>(
            $"{ApiOptions.Section}:{nameof(ApiOptions.EnableWebhooksAuth)}") ?? new ApiOptions().EnableWebhooksAuth));
        var origins = configuration.GetSection($"{ApiOptions.Section}:{nameof(ApiOptions.CorsAllowedOrigins)}").Get<string[]>() ?? [];
        if (origins.Length > 0)
            services.AddCors(o => o.AddPolicy(CorsPolicy, p => p.WithOrigins(origins)
                .WithMethods("GET", "POST", "PATCH", "DELETE")
                .WithHeaders(ApiAuthorization.TokenHeader, "Content-Type", Microversions.Header, "X-Show-Deleted")
                .WithExposedHeaders(Microversions.Header, Microversions.MinHeader, Microversions.MaxHeader, "Location")));
        return services;
    }

    /// <summary>Watcher:Api:Auth: none (every caller is an admin) or keystone (tokens validated by Keystone).</summary>
    private static string AddAuthentication(IServiceCollection services, IConfiguration configuration)
    {
        var mode = configuration[$"{ApiOptions.Section}:{nameof(ApiOptions.Auth)}"] is { Length: > 0 } m ? m.ToLowerInvariant() : AuthModes.None;
        switch (mode)
        {
            case AuthModes.None:
                services.AddSingleton<ICallerAuthenticator, NoAuthentication>();
                break;
            case AuthModes.Keystone:
                if (string.IsNullOrWhiteSpace(configuration["Watcher:ClientsAuth:AuthUrl"]))
                    throw new InvalidOperationException("Watcher:Api:Auth=keystone validates tokens with Watcher's own Keystone user: " +
                        "set Watcher:ClientsAuth (AuthUrl, Username, Password, ProjectName; see README, \"Securing the API\").");
                services.AddKeystoneSession();
                services.AddSingleton<ICallerAuthenticator, KeystoneAuthentication>();
                break;
            default:
                throw new InvalidOperationException($"Watcher:Api:Auth must be 'none' or 'keystone' (got '{mode}').");
        }
        services.PostConfigure<ApiOptions>(o => o.Auth = mode);
        return mode;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<ApiOptions>>().Value;
        BindSafety.CheckAuthForBind(app.Configuration, options, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Watcher.Api"));
        app.Services.GetRequiredService<Policy>();   // a bad policy override stops start-up here, naming the rule

        // Order matters: errors wrap everything; paths are normalised before routing sees them; the body and origin
        // checks come before anything reads a body; the caller and the endpoint's rule are checked once routing knows
        // the endpoint.
        app.UseMiddleware<ErrorHandling>();
        app.UseMiddleware<HostCheck>();
        app.Use(RootRouting.Rewrite);
        app.UseWhen(RootRouting.IsV1, branch =>
        {
            branch.Use(Microversions.Handle);
            branch.UseMiddleware<RequestSafety>();
        });
        app.UseWhen(http => http.Request.Path == "/", branch => branch.UseMiddleware<RequestSafety>());
        app.UseApiDocument();
        app.UseRouting();
        if (options.CorsAllowedOrigins.Count > 0) app.UseCors(CorsPolicy);
        app.UseMiddleware<ApiAuthorization>();

        app.MapVersions();
        app.MapGoals();
        app.MapStrategies();
        app.MapAuditTemplates();
        app.MapAudits();
        app.MapActionPlans();
        app.MapActions();
        app.MapScoringEngines();
        app.MapServices();
        app.MapDataModel();
        app.MapWebhooks();
        app.MapWhatIf();
        app.MapEvents();
        app.MapProgress();
        return app;
    }
}
