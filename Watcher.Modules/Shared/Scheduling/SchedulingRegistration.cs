using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// The one Quartz scheduler of the process (in-memory store: every schedule is derived again from the
/// database and options at start, so nothing needs persisting). Modules add their jobs through
/// <see cref="AddScheduledJobs"/> so they never register a second scheduler.
/// </summary>
public static class SchedulingRegistration
{
    public static IServiceCollection AddWatcherScheduler(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(SchedulerRegistered))) return services;
        services.AddSingleton<SchedulerRegistered>();
        // Quartz takes the container's TimeProvider, so tests that swap it drive the scheduler's clock too.
        services.AddQuartz(_ => { });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>Adds jobs and triggers to the Watcher scheduler, registering it on first use.</summary>
    public static IServiceCollection AddScheduledJobs(this IServiceCollection services, Action<IQuartzBuilder> configure)
    {
        services.AddWatcherScheduler();
        services.ConfigureAllQuartzSchedulers(configure);
        return services;
    }

    /// <summary>A job fired at start and then every <paramref name="period"/> seconds (read from options at build).</summary>
    public static IQuartzBuilder AddPeriodicJob<TJob>(this IQuartzBuilder q, JobKey key, Func<IServiceProvider, int> period)
        where TJob : IJob
    {
        q.AddJob<TJob>(j => j.WithIdentity(key).DisallowConcurrentExecution(true));
        q.AddTrigger<TJob>((sp, t) => t
            .ForJob(key)
            .WithIdentity(key.Name, key.Group)
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(Math.Max(1, period(sp)))).RepeatForever()));
        return q;
    }

    private sealed class SchedulerRegistered;
}
