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

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);   // the loop has ended: nothing uses the file's connection now
        file.Dispose();
    }

    internal async Task CheckAsync(CancellationToken ct)
    {
        if (health.Current?.Kind == StorageFaultKind.FileMissing)
        {
            if (file.Path is { } path && File.Exists(path)) await TakeBackAsync(ct);
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

    /// <summary>
    /// A file is at the path again: let go of the old one (see <see cref="DatabaseFile"/> on why in this order), and
    /// if it is a Watcher database, migrate it and run the start-up work on it.
    /// </summary>
    private async Task TakeBackAsync(CancellationToken ct)
    {
        file.Detach();
        if (file.OldFilesStillOpen()) return;   // a connection in use closes when returned; next look
        file.RemoveLeftovers();
        if (!file.IsRestored())
        {
            if (_notAWatcherDatabase != File.GetLastWriteTimeUtc(file.Path!))
                LogNotAWatcherDatabase(file.Path!);
            _notAWatcherDatabase = File.GetLastWriteTimeUtc(file.Path!);
            return;
        }
        LogRestored(file.Path!);
        await startup.RetryAsync(ct);
    }

    private DateTime? _notAWatcherDatabase;

    [LoggerMessage(EventId = 7132, Level = LogLevel.Warning,
        Message = "The file now at {Path} is not a Watcher database (no migrations history); database calls still answer 503")]
    private partial void LogNotAWatcherDatabase(string path);

    [LoggerMessage(EventId = 7130, Level = LogLevel.Warning,
        Message = "A Watcher database is at {Path} again: migrating it and running the start-up work on it")]
    private partial void LogRestored(string path);

    [LoggerMessage(EventId = 7131, Level = LogLevel.Error, Message = "Checking the database's storage failed")]
    private partial void LogCheckFailed(Exception exception);
}
