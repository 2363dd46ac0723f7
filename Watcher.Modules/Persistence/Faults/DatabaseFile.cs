using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Watcher.Modules.Persistence.Faults;

/// <summary>
/// The SQLite file under the running process. Once start-up has run it remembers which file that is and keeps one
/// connection of its own open on it, so that when the file is deleted or replaced (a cleanup script, a restore
/// done the wrong way) Watcher notices on the next database call, and can still copy out the data it held.
/// </summary>
public sealed partial class DatabaseFile(StorageHealth health, TimeProvider time, ILogger<DatabaseFile> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private SqliteConnection? _keeper;
    private FileIdentity? _identity;
    /// <summary>The database, -wal and -shm files start-up attached (kept after Detach to recognise leftovers).</summary>
    private FileIdentity?[] _attachedFiles = [];

    /// <summary>Absolute path of the database file; null when the database is not a SQLite file.</summary>
    public string? Path { get; private set; }

    /// <summary>Start watching the file the app's connection string names (after migrations created it).</summary>
    public void Attach(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:") return;
        lock (_gate)
        {
            CloseKeeper();
            Path = System.IO.Path.GetFullPath(builder.DataSource);
            _identity = FileIdentity.Of(Path);
            // Pooling off: this connection must stay ours, on this very file, until Detach.
            _keeper = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = Path, Mode = SqliteOpenMode.ReadWrite, Pooling = false,
            }.ToString());
            _keeper.Open();
            // A first read makes SQLite open the -wal and map the -shm; it then holds both for as long as the
            // connection lives, so the data stays readable here even after all three files are deleted.
            using var read = _keeper.CreateCommand();
            read.CommandText = "SELECT count(*) FROM sqlite_master;";
            read.ExecuteScalar();
            ConnectionString = connectionString;
            _attachedFiles = [_identity, FileIdentity.Of(Path + "-wal"), FileIdentity.Of(Path + "-shm")];
        }
    }

    /// <summary>The app's connection string for this file (set by <see cref="Attach"/>).</summary>
    public string? ConnectionString { get; private set; }

    /// <summary>
    /// Closes the app's idle pooled connections on the file. A connection SQLite opened while the filesystem was
    /// read-only stays read-only, and one opened on a deleted file stays on it; recovery must start from new ones.
    /// </summary>
    public static void ReleasePooledConnections(string connectionString)
    {
        using var pooled = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(pooled);
    }

    /// <summary>True when the path no longer names the file start-up attached (deleted, or another file moved there).</summary>
    public bool HasChanged()
    {
        var path = Path;
        var identity = _identity;
        return path is not null && identity is not null && FileIdentity.Of(path) != identity;
    }

    /// <summary>
    /// Checks that the path still names the attached file (one statx call). When it does not, records the fault
    /// and saves the data the old file held, once per incident.
    /// </summary>
    public void Verify()
    {
        if (health.Current?.Kind == StorageFaultKind.FileMissing || !HasChanged()) return;
        lock (_gate)
        {
            if (health.Current?.Kind == StorageFaultKind.FileMissing || Path is null) return;
            // The fault is reported once the copy is complete: callers racing in here wait on the lock, so nobody
            // is told about a copy still being written.
            var rescued = RescueCore();
            health.Report(StorageFaultClassifier.Missing(Path, time.GetUtcNow(), rescued));
        }
    }

    /// <summary>
    /// Copies what the vanished file held, through the connection still open on it, to
    /// <c>&lt;path&gt;.rescued-&lt;UTC time&gt;</c> beside it. Returns that path, or null when it could not be written.
    /// </summary>
    private string? RescueCore()
    {
        if (_keeper is null || Path is null) return null;
        var target = $"{Path}.rescued-{time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}";
        try
        {
            using var destination = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = target, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false,
            }.ToString());
            destination.Open();
            _keeper.BackupDatabase(destination);
            using var command = destination.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE;";   // one self-contained file to move back
            command.ExecuteNonQuery();
            LogRescued(Path, target);
            return target;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            LogRescueFailed(Path, target, e.Message);
            return null;
        }
    }

    public void Dispose()
    {
        lock (_gate) CloseKeeper();
    }

    private void CloseKeeper()
    {
        _keeper?.Dispose();
        _keeper = null;
    }

    [LoggerMessage(EventId = 7110, Level = LogLevel.Warning,
        Message = "The data of the vanished database file {Path} was saved to {RescuePath}; move it back to {Path} (or restore a backup there) and Watcher resumes without a restart")]
    private partial void LogRescued(string path, string rescuePath);

    [LoggerMessage(EventId = 7111, Level = LogLevel.Error,
        Message = "The data of the vanished database file {Path} could not be saved to {RescuePath}: {Reason}")]
    private partial void LogRescueFailed(string path, string rescuePath, string reason);
}
