using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Watcher.Modules.Shared.Operations;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Shared.Scheduling;

public static class JobsRegistration
{
    /// <summary>
    /// Hangfire for this host. Hangfire keeps its storage and activator in statics; they are registered here
    /// per host instead (its AddHangfire only fills what is missing), so two hosts in one process — the
    /// integration tests — never run each other's jobs.
    /// </summary>
    public static IServiceCollection AddWatcherJobs(this IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(JobServers))) return services;
        services.AddHostIdentity();
        services.AddOptions<JobsOptions>().BindConfiguration(JobsOptions.Section);
        services.AddSingleton(_ => JobStorageSelection.Create(configuration));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((_, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(HangfireLogBridge.Instance));
        services.AddSingleton<IBackgroundJobs, HangfireBackgroundJobs>();
        services.AddSingleton<JobServers>();
        services.AddHostedService(sp => sp.GetRequiredService<JobServers>());
        services.AddSingleton<JobServerStatus>();
        services.AddSingleton<IJobServerStatus>(sp => sp.GetRequiredService<JobServerStatus>());
        services.AddSingleton<IJobQueueLengths, HangfireQueueLengths>();
        return services;
    }

    /// <summary>A named queue whose server runs <paramref name="workers"/> workers (read from options at start).</summary>
    public static IServiceCollection AddJobQueue(this IServiceCollection services, string name,
        Func<IServiceProvider, int> workers, Func<IServiceProvider, TimeSpan>? stopGrace = null)
    {
        services.AddSingleton(new JobQueue(name, workers, stopGrace ?? (_ => TimeSpan.Zero)));
        // The host must wait for the longest grace plus the jobs' own clean-up before it gives up on them.
        services.AddOptions<HostOptions>().Configure<IServiceProvider>((host, sp) =>
        {
            var needed = (stopGrace?.Invoke(sp) ?? TimeSpan.Zero) + TimeSpan.FromSeconds(60);
            if (host.ShutdownTimeout < needed) host.ShutdownTimeout = needed;
        });
        return services;
    }
}
