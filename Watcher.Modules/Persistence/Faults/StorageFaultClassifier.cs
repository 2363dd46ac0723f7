using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;

namespace Watcher.Modules.Persistence.Faults;

/// <summary>
/// Tells a storage fault from every other database error (a constraint, a bug, a lost race), and words its cause
/// for an operator. SQLite errors are read by their result codes; other providers by their SQLSTATE.
/// </summary>
public static class StorageFaultClassifier
{
    // SQLite primary result codes (sqlite.org/rescode.html).
    private const int SqliteReadOnly = 8, SqliteIoError = 10, SqliteCorrupt = 11, SqliteFull = 13, SqliteCantOpen = 14, SqliteNotADb = 26;
    private const int SqliteReadOnlyDbMoved = 1032;

    /// <summary>The storage fault behind <paramref name="exception"/> (searched through inner exceptions), or null.</summary>
    public static StorageFault? Classify(Exception exception, string? databasePath, DateTimeOffset now)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StorageUnavailableException unavailable:
                    return unavailable.Fault;
                case SqliteException sqlite:
                    return FromSqlite(sqlite, databasePath, now);
                case DbException { SqlState: { Length: 5 } state } db:
                    return FromSqlState(state, db.Message, now);
                case SocketException socket:
                    return new StorageFault(StorageFaultKind.Unavailable, $"the database server cannot be reached ({socket.Message})", now);
            }
        }
        return null;
    }

    private static StorageFault? FromSqlite(SqliteException e, string? path, DateTimeOffset now)
    {
        var file = path ?? "the database file";
        var sqlite = $"SQLite error {e.SqliteExtendedErrorCode}: {SqliteMessage(e)}";
        return e.SqliteErrorCode switch
        {
            SqliteFull => new StorageFault(StorageFaultKind.DiskFull,
                $"the disk holding {file} is full ({sqlite}); free space there and Watcher resumes", now),
            SqliteReadOnly when e.SqliteExtendedErrorCode == SqliteReadOnlyDbMoved => Missing(file, now),
            SqliteReadOnly => new StorageFault(StorageFaultKind.ReadOnly,
                $"{file} cannot be written: {DirectoryProblem(path) ?? "the file is read-only"} ({sqlite})", now),
            SqliteCantOpen => CannotOpen(path, file, sqlite, now),
            SqliteIoError => new StorageFault(StorageFaultKind.IoError,
                $"the disk holding {file} reported an I/O error: {DirectoryProblem(path) ?? sqlite}", now),
            SqliteCorrupt or SqliteNotADb => new StorageFault(StorageFaultKind.Corrupt,
                $"{file} is damaged or is not a SQLite database ({sqlite}); restore it from a backup", now),
            _ => null,
        };
    }

    /// <summary>SQLITE_CANTOPEN says nothing about why: look at the file and its directory.</summary>
    private static StorageFault CannotOpen(string? path, string file, string sqlite, DateTimeOffset now)
    {
        if (path is not null && !File.Exists(path) && Directory.Exists(Path.GetDirectoryName(path)))
        {
            var problem = DirectoryProblem(path);
            return problem is null
                ? Missing(file, now)
                : new StorageFault(StorageFaultKind.ReadOnly, $"{file} cannot be created: {problem} ({sqlite})", now);
        }
        var why = DirectoryProblem(path);
        return why is null
            ? new StorageFault(StorageFaultKind.Unavailable, $"{file} cannot be opened ({sqlite})", now)
            : new StorageFault(why.Contains("No space", StringComparison.OrdinalIgnoreCase) ? StorageFaultKind.DiskFull : StorageFaultKind.ReadOnly,
                $"{file} cannot be opened: {why} ({sqlite})", now);
    }

    internal static StorageFault Missing(string file, DateTimeOffset now, string? rescuedTo = null) => new(StorageFaultKind.FileMissing,
        $"the database file {file} was deleted or replaced while Watcher was running; "
        + (rescuedTo is null ? "put it back" : $"the data it held was saved to {rescuedTo}: move that file back to {file}")
        + " (or restore a backup there) and Watcher resumes", now);

    private static StorageFault? FromSqlState(string state, string message, DateTimeOffset now) => state switch
    {
        "53100" => new StorageFault(StorageFaultKind.DiskFull, $"the database server's disk is full ({message})", now),
        "25006" => new StorageFault(StorageFaultKind.ReadOnly, $"the database server accepts no writes ({message})", now),
        "58030" => new StorageFault(StorageFaultKind.IoError, $"the database server reported an I/O error ({message})", now),
        "XX001" or "XX002" => new StorageFault(StorageFaultKind.Corrupt, $"the database server found damaged data ({message})", now),
        _ when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("57P", StringComparison.Ordinal)
            => new StorageFault(StorageFaultKind.Unavailable, $"the database server cannot be reached ({message})", now),
        _ => null,
    };

    /// <summary>
    /// Why the database's directory cannot take a new file (read-only filesystem, permissions, disk full), found by
    /// trying; null when it can. Only called on failures, so the extra file operation costs nothing in normal running.
    /// </summary>
    public static string? DirectoryProblem(string? databasePath)
    {
        var directory = databasePath is null ? null : Path.GetDirectoryName(Path.GetFullPath(databasePath));
        if (string.IsNullOrEmpty(directory)) return null;
        if (!Directory.Exists(directory)) return $"the directory {directory} does not exist";
        try
        {
            var probe = Path.Combine(directory, $".watcher-write-check-{Guid.NewGuid():N}");
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return $"the directory {directory} is not writable (permission denied)";
        }
        catch (IOException e)
        {
            // .NET words it "Read-only file system : '/path/of/the/check/file'": keep the reason only.
            var reason = e.Message;
            var cut = reason.IndexOf(" : '", StringComparison.Ordinal);
            return $"the directory {directory} is not writable ({(cut > 0 ? reason[..cut] : reason)})";
        }
    }

    private static string SqliteMessage(SqliteException e)
    {
        // "SQLite Error 13: 'database or disk is full'." → database or disk is full
        var text = e.Message;
        var start = text.IndexOf('\'');
        var end = text.LastIndexOf('\'');
        return start >= 0 && end > start ? text[(start + 1)..end] : text;
    }
}
