using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Watcher.Modules.Persistence.Faults;

/// <summary>
/// One small committed write, to know the database is writable now; no table grows and none is needed (the probe
/// also runs before migrations, when a fault deferred them).
/// On SQLite it rewrites the header's user_version with its own value (a real page write through the WAL; EF does
/// not use the field). On PostgreSQL it commits a transaction that was given a transaction id, so the server writes
/// a commit record to its WAL (flushed, as every commit is with synchronous_commit); a server that refuses writes —
/// a standby, or a database with default_transaction_read_only, as managed services set when storage runs out —
/// is reported as PostgreSQL reports Watcher's own writes then (SQLSTATE 25006), before any id is asked for.
/// </summary>
public sealed class StorageProbe(IServiceScopeFactory scopes, StorageHealth health)
{
    /// <summary>Null when the write went through (which also ends a fault), else the storage fault that stopped it.</summary>
    public async Task<StorageFault?> WriteAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var database = scope.ServiceProvider.GetRequiredService<WatcherDbContext>().Database;
            await database.OpenConnectionAsync(ct);
            var connection = database.GetDbConnection();
            await using var transaction = await connection.BeginTransactionAsync(ct);
            if (database.IsSqlite())
            {
                var version = Convert.ToInt64(await ScalarAsync(transaction, "PRAGMA user_version;", ct));
                await ScalarAsync(transaction, $"PRAGMA user_version = {version};", ct);
            }
            else
            {
                if (await ScalarAsync(transaction, "SELECT current_setting('transaction_read_only')", ct) is "on")
                    throw new PostgresException(
                        "transaction_read_only is on: the server is a standby, or default_transaction_read_only is set",
                        "ERROR", "ERROR", PostgresErrorCodes.ReadOnlySqlTransaction);
                await ScalarAsync(transaction, "SELECT pg_current_xact_id()::text", ct);
            }
            await transaction.CommitAsync(ct);
            health.WriteSucceeded();
            return null;
        }
        catch (Exception e) when (health.Observe(e) is { } fault)
        {
            return fault;
        }
    }

    private static async Task<object?> ScalarAsync(DbTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(ct);
    }
}
