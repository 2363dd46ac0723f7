using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;
using Watcher.Modules.Operations.Health;
using Watcher.Modules.Operations.Memory;
using Watcher.Modules.Operations.Metrics;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Operations;
using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Modules.Operations;

/// <summary>
/// What an operator's tooling calls, outside the OpenStack API: /healthz (liveness), /healthz/ready (database
/// writable, job server running, cloud reachable) and /metrics (Prometheus text format).
/// </summary>
public static class OperationsModule
{
    private const string Ready = "ready";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        // IJobServerStatus and IJobQueueLengths are registered by the job system (Shared/Scheduling/JobsRegistration).
        services.AddHealthChecks()
            .AddCheck<DatabaseReadyCheck>("database", HealthStatus.Unhealthy, [Ready], TimeSpan.FromSeconds(5))
            .AddCheck<JobServerReadyCheck>("job_server", HealthStatus.Unhealthy, [Ready], TimeSpan.FromSeconds(5))
            .AddCheck<CloudReadyCheck>("cloud", HealthStatus.Unhealthy, [Ready], TimeSpan.FromSeconds(5));

        services.Configure<MemoryOptions>(configuration.GetSection(MemoryOptions.Section));
        services.AddHostedService<MemoryTrimmer>();
        services.AddHostedService<StartupMemoryRelease>();

        services.AddSingleton<WatcherMetrics>();
        services.AddSingleton<ScrapeTimeGauges>();
        services.AddSingleton<StateTransitionObserver>();
        services.ConfigureDbContext<WatcherDbContext>((sp, options) =>
            options.AddInterceptors(sp.GetRequiredService<StateTransitionObserver>()));
        return services;
    }

    /// <summary>Request metrics, placed outermost so they count the status codes clients really get.</summary>
    public static WebApplication UseOperations(this WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<WatcherMetrics>();
        app.UseHttpMetrics(o => o.SetMetricFactory(metrics.Factory));
        return app;
    }

    public static WebApplication MapOperations(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", Options(_ => false));
        app.MapHealthChecks("/healthz/ready", Options(c => c.Tags.Contains(Ready)));
        app.Services.GetRequiredService<ScrapeTimeGauges>().Register();
        app.MapMetrics("/metrics", app.Services.GetRequiredService<WatcherMetrics>().Registry);
        return app;
    }

    private static HealthCheckOptions Options(Func<HealthCheckRegistration, bool> predicate) => new()
    {
        Predicate = predicate,
        ResponseWriter = HealthResponse.Write,
        ResultStatusCodes =
        {
            [HealthStatus.Healthy] = StatusCodes.Status200OK,
            [HealthStatus.Degraded] = StatusCodes.Status200OK,
            [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
        },
    };
}
