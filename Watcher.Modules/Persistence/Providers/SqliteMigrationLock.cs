using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Watcher.Modules.Persistence.Providers;

/// <summary>
/// One process at a time migrates a SQLite file. EF's own SQLite lock is a row in __EFMigrationsLock that stays
/// behind when a process is killed while holding it, and every later start-up then waits forever. So Watcher holds
/// an operating-system file lock beside the database (released by the kernel when the process dies, however it
/// dies) and, holding it, clears any row a dead process left before EF takes its own.
/// </summary>
internal static class SqliteMigrationLock
{
    public static void Migrate(WatcherDbContext db, TimeSpan timeout)
    {
        var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (dataSource is "" or ":memory:")
        {
            db.Database.Migrate();
            return;
        }
        using (TryAcquire(Path.GetFullPath(dataSource) + ".migrations-lock", timeout))
        {
            db.Database.OpenConnection();
            try
            {
                if (db.Database.SqlQueryRaw<long>(
                        "SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'").Single() > 0)
                    db.Database.ExecuteSqlRaw("DELETE FROM \"__EFMigrationsLock\"");
            }
            finally
            {
                db.Database.CloseConnection();
            }
            db.Database.Migrate();
        }
    }

    /// <summary>
    /// The lock, waiting while another process holds it; null when the file cannot be made at all (a read-only
    /// or full data directory): then EF's migration meets the same storage fault and start-up waits for it.
    /// </summary>
    private static FileStream? TryAcquire(string path, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix: held until this stream closes or the process ends.
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException ex) when (IsHeldElsewhere(ex) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(100);
            }
            catch (Exception ex) when (ex is IOException io && !IsHeldElsewhere(io) || ex is UnauthorizedAccessException)
            {
                return null;
            }
        }
    }

    /// <summary>Another handle holds the lock: Linux reports flock's EWOULDBLOCK (11), Windows a sharing violation.</summary>
    private static bool IsHeldElsewhere(IOException ex) => ex.HResult is 11 or unchecked((int)0x80070020);
}
