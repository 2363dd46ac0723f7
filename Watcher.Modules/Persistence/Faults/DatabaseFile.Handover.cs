using Microsoft.Data.Sqlite;

namespace Watcher.Modules.Persistence.Faults;

/// <summary>
/// Taking up the file now at the path, safely. SQLite ties neither the -wal nor the -shm to its database file, and
/// the last connection to close on a database deletes "&lt;path&gt;-wal" and "-shm" by name. So a new file is opened
/// only once no connection of this process is left on the old one (else its late close could delete the new
/// database's WAL), and after leftover -wal/-shm of the old one are gone (else SQLite would replay them into the
/// new file).
/// </summary>
public sealed partial class DatabaseFile
{
    /// <summary>Lets go of the old file: closes our connection and empties the pools still holding it.</summary>
    public void Detach()
    {
        string? connectionString;
        lock (_gate)
        {
            CloseKeeper();
            _identity = null;
            connectionString = ConnectionString;
        }
        if (connectionString is not null) ReleasePooledConnections(connectionString);
    }

    /// <summary>
    /// True while a descriptor of this process is still open on the attached database, -wal or -shm (a connection
    /// in use when the pools were emptied; it closes when returned). Read from /proc/self/fd; false elsewhere.
    /// </summary>
    public bool OldFilesStillOpen()
    {
        var attached = _attachedFiles.Where(f => f is not null).ToHashSet();
        if (attached.Count == 0 || !OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fd")) return false;
        foreach (var descriptor in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            if (attached.Contains(FileIdentity.Of(descriptor))) return true;
        return false;
    }

    /// <summary>Deletes a -wal or -shm still at the path that belonged to the old database (nobody has it open now).</summary>
    public void RemoveLeftovers()
    {
        if (Path is null || _attachedFiles.Length < 3) return;
        foreach (var (suffix, old) in new[] { ("-wal", _attachedFiles[1]), ("-shm", _attachedFiles[2]) })
            if (old is not null && FileIdentity.Of(Path + suffix) == old) File.Delete(Path + suffix);
    }

    /// <summary>A Watcher database (one with EF's migrations history) is at the path. Call after the two above.</summary>
    public bool IsRestored()
    {
        var path = Path;
        if (path is null || !File.Exists(path)) return false;
        try
        {
            using var probe = new SqliteConnection(new SqliteConnectionStringBuilder
            {
                DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false,
            }.ToString());
            probe.Open();
            using var command = probe.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory';";
            return Convert.ToInt64(command.ExecuteScalar()) == 1;
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}
