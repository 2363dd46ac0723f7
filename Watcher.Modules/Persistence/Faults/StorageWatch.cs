using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Watcher.Modules.Persistence.Faults;

/// <summary>Watcher:Database:FaultCheckInterval — seconds between two looks at a faulty (or vanished) database.</summary>
public sealed class StorageFaultOptions
{
    public const string Section = "Watcher:Database";
    public double FaultCheckInterval { get; set; } = 5;
}

/// <summary>
/// Brings the process back without a restart: every few seconds it checks the database file is still the one it
/// opened, retries a deferred start-up, probes a faulty database with one write (which ends the fault when it
/// goes through), and takes a restored database file back in (migrations and start-up work run again on it).
/// </summary>
public sealed partial class StorageWatch(
    StorageHealth health, DatabaseFile file, StorageStartup startup, StorageProbe probe,
    IOptions<StorageFaultOptions> options, ILogger<StorageWatch> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(0.05, options.Value.FaultCheckInterval));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(interval, stoppingToken);
                try
                {
                    await CheckAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCheckFailed(e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        file.Dispose();
        return base.StopAsync(cancellationToken);
    }

    internal async Task CheckAsync(CancellationToken ct)
    {
        if (health.Current?.Kind == StorageFaultKind.FileMissing)
        {
            if (file.IsRestored()) await TakeBackAsync(ct);
            return;
        }
        if (health.StartupPending)
        {
            startup.ReleasePooledConnections();
            await startup.RetryAsync(ct);
            return;
        }
        file.Verify();
        if (health.Current is not null && !health.RefusesAccess)
        {
            startup.ReleasePooledConnections();
            await probe.WriteAsync(ct);
        }
    }

    /// <summary>A Watcher database is at the path again: drop the old file's connections, migrate, start again.</summary>
    private async Task TakeBackAsync(CancellationToken ct)
    {
        LogRestored(file.Path!);
        file.Detach();
        await startup.RetryAsync(ct);
    }

    [LoggerMessage(EventId = 7130, Level = LogLevel.Warning,
        Message = "A Watcher database is at {Path} again: migrating it and running the start-up work on it")]
    private partial void LogRestored(string path);

    [LoggerMessage(EventId = 7131, Level = LogLevel.Error, Message = "Checking the database's storage failed")]
    private partial void LogCheckFailed(Exception exception);
}
