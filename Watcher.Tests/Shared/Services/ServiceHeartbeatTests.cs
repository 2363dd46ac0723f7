using Watcher.Modules.Persistence;
using Watcher.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Shared.Services;

namespace Watcher.Tests.Shared.Services;

/// <summary>Service rows written by heartbeats (one per service and host), on each database provider.</summary>
public abstract class ServiceHeartbeatTests(DatabaseProvider provider) : IDisposable
{
    private readonly TempDatabase _database = new(provider);
    private readonly TestClock _clock = new(new DateTime(2026, 3, 1, 12, 0, 0));

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task FirstBeat_CreatesTheServiceRowSeenUpNow()
    {
        await using (var db = _database.Open(_clock))
            await ServiceHeartbeat.BeatAsync(db, "watcher-decision-engine", "host-a", default);

        await using var check = _database.Open();
        var row = await check.Services.SingleAsync();
        Assert.Equal(("watcher-decision-engine", "host-a"), (row.Name, row.Host));
        Assert.Equal(_clock.UtcNow, row.LastSeenUp);
        Assert.Equal(_clock.UtcNow, row.CreatedAt);
    }

    [Fact]
    public async Task LaterBeat_UpdatesLastSeenUpOfTheSameRow()
    {
        await using (var db = _database.Open(_clock))
            await ServiceHeartbeat.BeatAsync(db, "watcher-applier", "host-a", default);
        _clock.Advance(TimeSpan.FromSeconds(60));
        await using (var db = _database.Open(_clock))
            await ServiceHeartbeat.BeatAsync(db, "watcher-applier", "host-a", default);

        await using var check = _database.Open();
        var row = await check.Services.SingleAsync();
        Assert.Equal(_clock.UtcNow, row.LastSeenUp);
        Assert.Equal(_clock.UtcNow.AddSeconds(-60), row.CreatedAt);
    }

    [Fact]
    public async Task Beats_OfDifferentServicesOrHosts_KeepOneRowEach()
    {
        await using (var db = _database.Open(_clock))
        {
            await ServiceHeartbeat.BeatAsync(db, "watcher-api", "host-a", default);
            await ServiceHeartbeat.BeatAsync(db, "watcher-applier", "host-a", default);
            await ServiceHeartbeat.BeatAsync(db, "watcher-api", "host-b", default);
            await ServiceHeartbeat.BeatAsync(db, "watcher-api", "host-a", default);
        }

        await using var check = _database.Open();
        Assert.Equal(3, await check.Services.CountAsync());
    }
}

public sealed class ServiceHeartbeatTestsOnSqlite() : ServiceHeartbeatTests(DatabaseProvider.Sqlite);

public sealed class ServiceHeartbeatTestsOnPostgreSql() : ServiceHeartbeatTests(DatabaseProvider.PostgreSql);
