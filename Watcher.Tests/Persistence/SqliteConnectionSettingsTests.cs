using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Watcher.Tests.Support;

namespace Watcher.Tests.Persistence;

/// <summary>
/// The per-connection SQLite settings are applied once per native connection (not at every open, for speed): a
/// connection handed out again by the pool must still have them.
/// </summary>
public sealed class SqliteConnectionSettingsTests
{
    [Fact]
    public async Task EveryOpen_FreshOrPooled_HasWalForeignKeysAndTheBusyTimeout()
    {
        using var database = new TempDatabase();
        for (var open = 0; open < 3; open++)
        {
            await using var db = database.Open();
            await db.Database.OpenConnectionAsync();
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            Assert.Equal("wal", Pragma(connection, "journal_mode"));
            Assert.Equal("1", Pragma(connection, "foreign_keys"));
            Assert.Equal("10000", Pragma(connection, "busy_timeout"));
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task AForeignKeyViolation_IsRefused_OnAPooledConnection()
    {
        using var database = new TempDatabase();
        for (var open = 0; open < 2; open++)
        {
            await using var db = database.Open();
            var error = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync(
                "INSERT INTO actions (uuid, action_plan_id, action_type, input_parameters, state, parents, created_at, deleted) " +
                "VALUES ('x', 424242, 'nop', '{{}}', 'PENDING', '[]', '2026-01-01', 0)"));
            Assert.Contains("FOREIGN KEY", error.Message);
        }
    }

    private static string Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
