using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using Watcher.Modules.Shared.Scheduling;

namespace Watcher.Modules.Shared.Services;

public static class ServicesRegistration
{
    /// <summary>
    /// Shows an in-process module as an upstream service (watcher-api, watcher-decision-engine,
    /// watcher-applier): a `services` row for (name, Watcher:Host) with last_seen_up refreshed every
    /// Watcher:Services:HeartbeatInterval seconds.
    /// </summary>
    public static IServiceCollection AddServiceHeartbeat(this IServiceCollection services, string serviceName)
    {
        AddHostIdentity(services);
        services.AddOptions<ServiceHeartbeatOptions>().BindConfiguration(ServiceHeartbeatOptions.Section);
        var key = new JobKey($"heartbeat-{serviceName}", "services");
        services.AddScheduledJobs(q =>
        {
            q.AddJob<ServiceHeartbeatJob>(j => j.WithIdentity(key)
                .UsingJobData(ServiceHeartbeatJob.ServiceNameKey, serviceName)
                .DisallowConcurrentExecution(true));
            q.AddTrigger<ServiceHeartbeatJob>((sp, t) => t
                .ForJob(key)
                .WithIdentity(key.Name, key.Group)
                .StartNow()
                .WithSimpleSchedule(s => s
                    .WithInterval(TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<ServiceHeartbeatOptions>>().Value.HeartbeatInterval)))
                    .RepeatForever()));
        });
        return services;
    }

    /// <summary>Watcher:Host (default: the machine name); safe to call from several modules.</summary>
    public static IServiceCollection AddHostIdentity(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(IConfigureOptions<WatcherHostOptions>))) return services;
        services.AddOptions<WatcherHostOptions>().BindConfiguration(WatcherHostOptions.Section);
        return services;
    }
}
