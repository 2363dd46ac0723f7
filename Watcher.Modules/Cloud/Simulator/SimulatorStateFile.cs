using Microsoft.Data.Sqlite;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// The simulated cloud's durable state: a small SQLite file holding one JSON document (where each server is, its
/// status, flavor and migration in flight; each host's service and power state) with a version, plus a log of every
/// migration the cloud accepted. A real cloud keeps its state whatever happens to Watcher; this file gives the
/// simulator the same property, so after a crash the plan's story, the compute model and the cloud still agree.
/// SQLite's own locking makes every change one transaction, shared safely by the Watcher processes of one machine.
/// </summary>
public sealed class SimulatorStateFile : IDisposable
{
    public const string MemoryOnly = "none";

    private readonly SqliteConnection _connection;

    private SimulatorStateFile(string path)
    {
        Path = path;
        var directory = System.IO.Path.GetDirectoryName(path);
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Execute("""
            PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=10000;
            CREATE TABLE IF NOT EXISTS cloud_state (
                id INTEGER PRIMARY KEY CHECK (id = 1), seed TEXT NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS service_state (
                service TEXT PRIMARY KEY, seed TEXT NOT NULL, version INTEGER NOT NULL, state TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS migrations (
                id INTEGER PRIMARY KEY AUTOINCREMENT, server_id TEXT NOT NULL, server_name TEXT NOT NULL, kind TEXT NOT NULL,
                source TEXT NOT NULL, destination TEXT NOT NULL, started_at TEXT NOT NULL);
            """);
    }

    public string Path { get; }

    /// <summary>The file named by Watcher:Simulator:StateFile, or null for "none" / empty (memory only).</summary>
    public static SimulatorStateFile? Open(string? path) =>
        FullPath(path) is { } full ? new SimulatorStateFile(full) : null;

    /// <summary>The absolute path of the configured file, or null for "none" / empty (memory only).</summary>
    public static string? FullPath(string? path) =>
        string.IsNullOrWhiteSpace(path) || path == MemoryOnly ? null : System.IO.Path.GetFullPath(path);

    /// <summary>The errors of a file that cannot be opened or written (read-only or missing directory, disk full).</summary>
    public static bool IsStorageFault(Exception e) => e is SqliteException or IOException or UnauthorizedAccessException;

    /// <summary>The stored state if it was written for this seed (same scenario), else null.</summary>
    public (long Version, string State)? Load(string seed)
    {
        using var command = Command("SELECT seed, version, state FROM cloud_state WHERE id = 1");
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetString(0) != seed) return null;
        return (reader.GetInt64(1), reader.GetString(2));
    }

    public long? StoredVersion()
    {
        using var command = Command("SELECT version FROM cloud_state WHERE id = 1");
        return command.ExecuteScalar() is long version ? version : null;
    }

    /// <summary>The state of another run (or another process) as it was last written, whatever the seed.</summary>
    public string? LoadAny()
    {
        using var command = Command("SELECT state FROM cloud_state WHERE id = 1");
        return command.ExecuteScalar() as string;
    }

    /// <summary>Takes the write lock (BEGIN IMMEDIATE): other processes wait until <see cref="Commit"/> or <see cref="Rollback"/>.</summary>
    public void BeginWrite() => Execute("BEGIN IMMEDIATE");

    public void Commit() => Execute("COMMIT");

    public void Rollback()
    {
        if (!_connection.AutoCommitMode()) Execute("ROLLBACK");
    }

    /// <summary>Replaces the state (inside <see cref="BeginWrite"/>); a new seed also clears the migration log.</summary>
    public void Save(string seed, long version, string state, bool newSeed)
    {
        if (newSeed) Execute("DELETE FROM migrations");
        using var command = Command("""
            INSERT INTO cloud_state (id, seed, version, state) VALUES (1, $seed, $version, $state)
            ON CONFLICT (id) DO UPDATE SET seed = excluded.seed, version = excluded.version, state = excluded.state
            """);
        command.Parameters.AddWithValue("$seed", seed);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$state", state);
        command.ExecuteNonQuery();
    }

    /// <summary>The stored state of another simulated service (cinder, ironic) if written for this seed, else null.</summary>
    public (long Version, string State)? LoadService(string service, string seed)
    {
        using var command = Command("SELECT seed, version, state FROM service_state WHERE service = $service");
        command.Parameters.AddWithValue("$service", service);
        using var reader = command.ExecuteReader();
        if (!reader.Read() || reader.GetString(0) != seed) return null;
        return (reader.GetInt64(1), reader.GetString(2));
    }

    /// <summary>The version and state of a simulated service as last written, whatever the seed; null if never written.</summary>
    public (long Version, string State)? LoadServiceAny(string service)
    {
        using var command = Command("SELECT version, state FROM service_state WHERE service = $service");
        command.Parameters.AddWithValue("$service", service);
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : null;
    }

    public long? ServiceVersion(string service)
    {
        using var command = Command("SELECT version FROM service_state WHERE service = $service");
        command.Parameters.AddWithValue("$service", service);
        return command.ExecuteScalar() is long version ? version : null;
    }

    /// <summary>Replaces a simulated service's state (inside <see cref="BeginWrite"/>).</summary>
    public void SaveService(string service, string seed, long version, string state)
    {
        using var command = Command("""
            INSERT INTO service_state (service, seed, version, state) VALUES ($service, $seed, $version, $state)
            ON CONFLICT (service) DO UPDATE SET seed = excluded.seed, version = excluded.version, state = excluded.state
            """);
        command.Parameters.AddWithValue("$service", service);
        command.Parameters.AddWithValue("$seed", seed);
        command.Parameters.AddWithValue("$version", version);
        command.Parameters.AddWithValue("$state", state);
        command.ExecuteNonQuery();
    }

    public void LogMigration(string serverId, string serverName, string kind, string source, string destination, DateTimeOffset startedAt)
    {
        using var command = Command("""
            INSERT INTO migrations (server_id, server_name, kind, source, destination, started_at)
            VALUES ($id, $name, $kind, $source, $destination, $at)
            """);
        command.Parameters.AddWithValue("$id", serverId);
        command.Parameters.AddWithValue("$name", serverName);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$source", source);
        command.Parameters.AddWithValue("$destination", destination);
        command.Parameters.AddWithValue("$at", startedAt.UtcDateTime.ToString("O"));
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private void Execute(string sql)
    {
        using var command = Command(sql);
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}

internal static class SqliteConnectionExtensions
{
    /// <summary>True when no transaction is open on the connection.</summary>
    public static bool AutoCommitMode(this SqliteConnection connection) =>
        connection.Handle is not { } handle || SQLitePCL.raw.sqlite3_get_autocommit(handle) != 0;
}
