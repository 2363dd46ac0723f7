using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Watcher.Modules.Persistence.Faults;

/// <summary>
/// One small committed write, to know the database is writable now. On SQLite it rewrites the header's
/// user_version with its own value (a real page write through the WAL, no table needed; EF does not use the field).
/// Other providers get a round trip only.
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
            if (database.IsSqlite())
            {
                await database.OpenConnectionAsync(ct);
                var connection = database.GetDbConnection();
                await using var transaction = await connection.BeginTransactionAsync(ct);
                await using var read = connection.CreateCommand();
                read.Transaction = transaction;
                read.CommandText = "PRAGMA user_version;";
                var version = Convert.ToInt64(await read.ExecuteScalarAsync(ct));
                await using var write = connection.CreateCommand();
                write.Transaction = transaction;
                write.CommandText = $"PRAGMA user_version = {version};";
                await write.ExecuteNonQueryAsync(ct);
                await transaction.CommitAsync(ct);
            }
            else
            {
                await database.ExecuteSqlRawAsync("SELECT 1", ct);
            }
            health.WriteSucceeded();
            return null;
        }
        catch (Exception e) when (health.Observe(e) is { } fault)
        {
            return fault;
        }
    }
}
