using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Watcher.Modules.Persistence.Faults;

/// <summary>
/// Runs Watcher's start-up work (migrations, then each module's recovery) when the database allows it. When a
/// storage fault stops it — a read-only data directory, a full disk — the process still starts: it answers 503
/// with the cause, readiness is red, and <see cref="StorageWatch"/> runs the work again until it succeeds. Any
/// other error still stops the start, as before. The same work runs again after a vanished file is restored.
/// </summary>
public sealed partial class StorageStartup(
    IServiceProvider services, StorageHealth health, DatabaseFile file, ILogger<StorageStartup> logger)
{
    private static readonly AsyncLocal<bool> Running = new();
    private readonly SemaphoreSlim _single = new(1, 1);
    private Func<IServiceProvider, Task>? _work;
    private string? _connection;

    /// <summary>True on the start-up work's own calls, which pass while other database calls are refused.</summary>
    public static bool IsRunningHere => Running.Value;

    /// <summary>Runs <paramref name="work"/> now (before requests are served); defers it on a storage fault.</summary>
    public void Begin(Func<IServiceProvider, Task> work)
    {
        _work = work;
        if (!RunCoreAsync(CancellationToken.None, rethrowOthers: true).GetAwaiter().GetResult())
            LogDeferred(health.CurrentOrPending().Cause);
    }

    /// <summary>Tries the start-up work again; true once it has run.</summary>
    public Task<bool> RetryAsync(CancellationToken ct) => RunCoreAsync(ct, rethrowOthers: false);

    private async Task<bool> RunCoreAsync(CancellationToken ct, bool rethrowOthers)
    {
        if (_work is null) return true;
        await _single.WaitAsync(ct);
        try
        {
            Running.Value = true;
            var connection = DescribeDatabase();
            await _work(services);
            if (connection is not null) file.Attach(connection);
            health.StartupCompleted();
            return true;
        }
        catch (Exception e) when (health.Classify(e) is { } fault)
        {
            health.StartupDeferred(fault);
            return false;
        }
        catch (Exception e) when (!rethrowOthers && e is not OperationCanceledException)
        {
            LogRetryFailed(e);
            return false;
        }
        finally
        {
            Running.Value = false;
            _single.Release();
        }
    }

    /// <summary>Closes idle pooled SQLite connections before a new attempt (see <see cref="DatabaseFile.ReleasePooledConnections"/>).</summary>
    public void ReleasePooledConnections()
    {
        if (_connection is not null) DatabaseFile.ReleasePooledConnections(_connection);
    }

    /// <summary>The SQLite connection string (null for other providers); names the file in every cause.</summary>
    private string? DescribeDatabase()
    {
        using var scope = services.CreateScope();
        var database = scope.ServiceProvider.GetRequiredService<WatcherDbContext>().Database;
        if (!database.IsSqlite()) return null;
        var connection = database.GetConnectionString()!;
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource;
        if (source is not ("" or ":memory:")) health.DatabasePath = Path.GetFullPath(source);
        return _connection = connection;
    }

    [LoggerMessage(EventId = 7120, Level = LogLevel.Error,
        Message = "Start-up work (migrations, recovery) is waiting for the database: {Cause}. Watcher serves 503 until then and tries again")]
    private partial void LogDeferred(string cause);

    [LoggerMessage(EventId = 7121, Level = LogLevel.Error, Message = "Start-up work failed; it is tried again")]
    private partial void LogRetryFailed(Exception exception);
}
