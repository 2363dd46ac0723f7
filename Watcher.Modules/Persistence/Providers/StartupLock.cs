using Microsoft.Extensions.Logging;
using Npgsql;

namespace Watcher.Modules.Persistence.Providers;

/// <summary>
/// Processes sharing one PostgreSQL database run their start-up work (migrations, the catalog sync, the first
/// service rows, the queues rebuilt from the tables) one at a time, under a session advisory lock: started
/// together on an empty database, both would insert the same catalog rows and one would stop on the unique index.
/// The server releases the lock with the holder's connection, so a process killed mid-start blocks nobody.
/// SQLite serves one process; its migrations have their own file lock (<see cref="SqliteMigrationLock"/>).
/// </summary>
public static partial class StartupLock
{
    // Any constant shared by every Watcher binary; "Watcher!" in ASCII.
    internal const long Key = 0x5761_7463_6865_7221;

    public static async Task RunAsync(DatabaseSettings settings, ILogger? log, Func<Task> work, CancellationToken ct = default)
    {
        if (settings.Provider != DatabaseProvider.PostgreSql)
        {
            await work();
            return;
        }
        // Its own unpooled connection: the lock belongs to this session alone and ends when it closes.
        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        if (!await ExecuteAsync(connection, "SELECT pg_try_advisory_lock(@key)", ct))
        {
            if (log is not null) LogWaiting(log);
            await ExecuteAsync(connection, "SELECT true FROM pg_advisory_lock(@key)", ct, wait: true);
        }
        try
        {
            await work();
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(@key)", CancellationToken.None);
        }
    }

    private static async Task<bool> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct, bool wait = false)
    {
        // Waiting for the lock takes as long as the other process's start-up (a long migration, say).
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = wait ? 0 : 30 };
        command.Parameters.AddWithValue("key", Key);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Another Watcher process is starting on this database; waiting for it to finish")]
    private static partial void LogWaiting(ILogger logger);
}
