using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Watcher.Modules.Shared.Services;

public static class ServicesRegistration
{
    /// <summary>
    /// Shows an in-process module as an upstream service (watcher-api, watcher-decision-engine,
    /// watcher-applier): a `services` row for (name, Watcher:Host) with last_seen_up refreshed by the process
    /// heartbeat every Watcher:Services:HeartbeatInterval seconds.
    /// </summary>
    public static IServiceCollection AddServiceHeartbeat(this IServiceCollection services, string serviceName)
    {
        AddHostIdentity(services);
        services.AddSingleton(new ServiceName(serviceName));
        return services;
    }

    /// <summary>Watcher:Host, the instance identity, the registry and heartbeat; safe to call from several modules.</summary>
    public static IServiceCollection AddHostIdentity(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ProcessIdentity))) return services;
        services.AddOptions<WatcherHostOptions>().BindConfiguration(WatcherHostOptions.Section);
        services.AddOptions<ServiceHeartbeatOptions>().BindConfiguration(ServiceHeartbeatOptions.Section);
        services.AddSingleton(sp => new ProcessIdentity(sp.GetRequiredService<IOptions<WatcherHostOptions>>().Value.Host));
        services.TryAddSingleton<ProcessRegistry>();
        services.AddSingleton<IBackgroundProcess, HeartbeatProcess>();
        return services;
    }
}
