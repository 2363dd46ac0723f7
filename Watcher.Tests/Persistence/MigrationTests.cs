using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Providers;
using Watcher.Tests.Support;

namespace Watcher.Tests.Persistence;

/// <summary>Each provider has its own migrations (ADR 22), and processes starting together apply them once (ADR 23).</summary>
public sealed class MigrationTests
{
    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public void TheMigrations_MatchTheModel(DatabaseProvider provider)
    {
        // No database needed: the model is compared with the provider's last migration snapshot.
        var settings = provider == DatabaseProvider.Sqlite
            ? DatabaseSettings.Sqlite("Data Source=unused.db")
            : DatabaseSettings.PostgreSql("Host=unused;Database=unused");
        using var db = PersistenceModule.Open(settings);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"the model changed: add a migration for {provider} (README, 'Changing the schema')");
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ProcessesStartingTogether_ApplyEachMigrationOnce(DatabaseProvider provider)
    {
        using var database = new TempDatabase(provider, migrated: false);
        // Six "processes" (own contexts, own connections) migrate the same empty database at once; EF's
        // migration lock lets one apply while the others wait, then find nothing left to do.
        var starts = Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
        {
            using var db = database.Open();
            db.ApplyMigrations();
        }));
        await Task.WhenAll(starts);

        await using var check = database.Open();
        Assert.Equal(check.Database.GetMigrations(), await check.Database.GetAppliedMigrationsAsync());
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
        Assert.Equal(0, await check.Goals.CountAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task ALockLeftByAProcessKilledWhileMigrating_DoesNotBlockTheNextStart(DatabaseProvider provider)
    {
        using var database = new TempDatabase(provider);
        await using (var db = database.Open())
        {
            if (provider == DatabaseProvider.Sqlite)
            {
                // What EF's SQLite lock leaves behind when its process dies holding it.
                await db.Database.ExecuteSqlRawAsync(
                    "CREATE TABLE IF NOT EXISTS \"__EFMigrationsLock\" (\"Id\" INTEGER NOT NULL PRIMARY KEY, \"Timestamp\" TEXT NOT NULL)");
                await db.Database.ExecuteSqlRawAsync(
                    "INSERT INTO \"__EFMigrationsLock\" (\"Id\", \"Timestamp\") VALUES (1, '2026-01-01 00:00:00+00:00')");
            }
            // On PostgreSQL the lock is a table lock inside a transaction: a dead connection releases it.
        }
        var start = Task.Run(() =>
        {
            using var db = database.Open();
            db.ApplyMigrations();
        });
        Assert.Same(start, await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(60))));
        await start;
    }

    [Fact]
    public async Task OnPostgreSql_TheStartUpWorkOfProcessesStartingTogether_RunsOneAtATime()
    {
        using var database = new TempDatabase(DatabaseProvider.PostgreSql, migrated: false);
        var running = 0;
        var most = 0;
        var done = 0;
        // Four "processes" start together; each one's start-up work takes a moment.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => StartupLock.RunAsync(database.Settings, null, async () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            await Task.Delay(200);
            Interlocked.Decrement(ref running);
            Interlocked.Increment(ref done);
        }))));

        Assert.Equal(4, done);
        Assert.Equal(1, most);
    }

    [Fact]
    public async Task OnPostgreSql_AStartUpLockHeldByADeadConnection_IsReleasedWithIt()
    {
        using var database = new TempDatabase(DatabaseProvider.PostgreSql, migrated: false);
        var holder = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(database.Connection) { Pooling = false }.ConnectionString);
        await holder.OpenAsync();
        await using (var command = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({StartupLock.Key})", holder))
            await command.ExecuteNonQueryAsync();

        var ran = false;
        var start = StartupLock.RunAsync(database.Settings, null, () => { ran = true; return Task.CompletedTask; });
        await Task.Delay(500);
        Assert.False(ran);   // waits for the process holding it
        await holder.DisposeAsync();   // that process dies: the server drops its session and the lock
        Assert.Same(start, await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(30))));
        await start;
        Assert.True(ran);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    [Fact]
    public async Task OnSqlite_AProcessHoldingTheMigrationLock_MakesTheNextWait()
    {
        using var database = new TempDatabase(DatabaseProvider.Sqlite, migrated: false);
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Connection).DataSource;
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        Task start;
        using (new FileStream(file + ".migrations-lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            start = Task.Run(() =>
            {
                using var db = database.Open();
                db.ApplyMigrations();
            });
            await Task.Delay(1500);
            Assert.False(start.IsCompleted, "migrated while another process held the lock");
        }
        await start.WaitAsync(TimeSpan.FromSeconds(60));
        await using var check = database.Open();
        Assert.Empty(await check.Database.GetPendingMigrationsAsync());
    }
}
