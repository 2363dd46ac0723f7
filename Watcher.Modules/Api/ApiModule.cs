using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Api.ActionPlans;
using Watcher.Modules.Api.Actions;
using Watcher.Modules.Api.Audits;
using Watcher.Modules.Api.AuditTemplates;
using Watcher.Modules.Api.DataModel;
using Watcher.Modules.Api.Events;
using Watcher.Modules.Api.Goals;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.Progress;
using Watcher.Modules.Api.ScoringEngines;
using Watcher.Modules.Api.Services;
using Watcher.Modules.Api.Strategies;
using Watcher.Modules.Api.Versions;
using Watcher.Modules.Api.Webhooks;
using Watcher.Modules.Api.WhatIf;
using Watcher.Modules.Shared.Json;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Api;

/// <summary>The HTTP edge: OpenStack Watcher API v1, compatible with python-watcherclient.</summary>
public static class ApiModule
{
    public static IServiceCollection AddApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.Section);
        services.ConfigureHttpJsonOptions(o => WatcherJson.Configure(o.SerializerOptions));
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen();
        services.AddServiceHeartbeat("watcher-api");
        return services;
    }

    public static WebApplication UseApi(this WebApplication app)
    {
        // Order matters: errors wrap everything; paths are normalised before routing sees them.
        app.UseMiddleware<ErrorHandling>();
        app.Use(RootRouting.Rewrite);
        app.UseWhen(RootRouting.IsV1, branch => branch.Use(Microversions.Handle));
        app.UseSwagger();
        app.UseSwaggerUI();
        app.UseRouting();

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
