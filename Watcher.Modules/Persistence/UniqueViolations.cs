using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Watcher.Modules.Persistence;

/// <summary>
/// A save that lost a race on a unique index (two requests creating one name at once: both checked, both inserted)
/// becomes the caller's conflict — the same answer the check before the save gives — instead of a database error.
/// </summary>
public static class UniqueViolations
{
    public static async Task SaveChangesOrConflictAsync(this WatcherDbContext db, Func<Exception> conflict, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (Is(e))
        {
            throw conflict();
        }
    }

    /// <summary>SQLite's SQLITE_CONSTRAINT_UNIQUE (2067), PostgreSQL's unique_violation (23505).</summary>
    public static bool Is(DbUpdateException e) => e.InnerException switch
    {
        SqliteException s => s.SqliteExtendedErrorCode == 2067,
        PostgresException p => p.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
