using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Persistence.Faults;

public static class StorageFaultsRegistration
{
    /// <summary>
    /// Storage faults (full disk, read-only or vanished database file) become 503s with their cause, a log line,
    /// red readiness, and recovery without a restart. Call after AddPersistence.
    /// </summary>
    public static IServiceCollection AddStorageFaultHandling(this IServiceCollection services)
    {
        services.AddOptions<StorageFaultOptions>().BindConfiguration(StorageFaultOptions.Section);
        services.AddSingleton<StorageHealth>();
        services.AddSingleton<DatabaseFile>();
        services.AddSingleton<StorageFaultInterceptor>();
        services.AddSingleton<StorageStartup>();
        services.AddSingleton<StorageProbe>();
        services.AddHostedService<StorageWatch>();
        services.ConfigureDbContext<WatcherDbContext>((sp, options) => options
            .AddInterceptors(sp.GetRequiredService<StorageFaultInterceptor>())
            // EF logs each failed call with its stack trace, then the API's error handling or the failing job logs
            // the same error again: during a storage fault that is a stack trace per call. Kept at Debug.
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug),
                (CoreEventId.QueryIterationFailed, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug))));
        return services;
    }

    /// <summary>
    /// Runs the start-up work now, or — when a storage fault prevents it — as soon as the database allows
    /// (see <see cref="StorageStartup"/>).
    /// </summary>
    public static void StartWhenStorageAllows(this IServiceProvider services, Func<IServiceProvider, Task> work) =>
        services.GetRequiredService<StorageStartup>().Begin(work);
}
