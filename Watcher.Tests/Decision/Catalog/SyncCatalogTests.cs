using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.Decision.Catalog;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Plugins;
using Watcher.Tests.Support;

namespace Watcher.Tests.Decision.Catalog;

public sealed class SyncCatalogTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly ServiceProvider _plugins = new ServiceCollection().AddGoals().AddStrategies().BuildServiceProvider();

    public void Dispose()
    {
        _plugins.Dispose();
        _database.Dispose();
    }

    private async Task SyncAsync()
    {
        await using var db = _database.Open();
        await new SyncCatalogHandler(db, _plugins.GetRequiredService<PluginCatalog<IGoal>>(),
            _plugins.GetRequiredService<PluginCatalog<IStrategy>>(), NullLogger<SyncCatalogHandler>.Instance)
            .Handle(new SyncCatalog(), CancellationToken.None);
    }

    [Fact]
    public async Task Sync_OnAnEmptyDatabase_WritesEveryGoalAndStrategyOfTheBinary()
    {
        await SyncAsync();

        await using var db = _database.Open();
        Assert.Equal(_plugins.GetRequiredService<PluginCatalog<IGoal>>().Names.Order(),
            await db.Goals.Select(g => g.Name).OrderBy(n => n).ToListAsync());
        var strategies = await db.Strategies.Include(s => s.Goal).ToDictionaryAsync(s => s.Name);
        Assert.Equal("server_consolidation", strategies["vm_workload_consolidation"].Goal.Name);
        Assert.Equal("cluster_maintaining", strategies["host_maintenance"].Goal.Name);
        Assert.Equal("Dummy strategy", strategies["dummy"].DisplayName);
        Assert.Equal(3.2, strategies["dummy"].ParametersSpec["properties"]!["para1"]!["default"]!.GetValue<double>());
    }

    [Fact]
    public async Task Sync_Twice_KeepsTheUuidsOfUnchangedRows()
    {
        await SyncAsync();
        List<string> before;
        await using (var db = _database.Open()) before = await db.Strategies.OrderBy(s => s.Name).Select(s => s.Uuid).ToListAsync();

        await SyncAsync();

        await using var again = _database.Open();
        Assert.Equal(before, await again.Strategies.OrderBy(s => s.Name).Select(s => s.Uuid).ToListAsync());
    }

    [Fact]
    public async Task Sync_WhenAStrategyDefinitionChanged_ReplacesItsRowAndCancelsOnlyUnfinishedAudits()
    {
        await SyncAsync();
        string oldUuid;
        await using (var db = _database.Open())
        {
            var dummy = await db.Strategies.Include(s => s.Goal).SingleAsync(s => s.Name == "dummy");
            oldUuid = dummy.Uuid;
            dummy.ParametersSpec = new JsonObject { ["type"] = "object" };   // as if an older binary wrote it
            db.Audits.Add(new Audit { Name = "waiting", Goal = dummy.Goal, Strategy = dummy });
            var finished = new Audit { Name = "finished", Goal = dummy.Goal, Strategy = dummy };
            finished.BeginRun("host");
            finished.Succeed();
            db.Audits.Add(finished);
            await db.SaveChangesAsync();
        }

        await SyncAsync();

        await using var after = _database.Open();
        var current = await after.Strategies.SingleAsync(s => s.Name == "dummy");
        Assert.NotEqual(oldUuid, current.Uuid);
        Assert.True((await after.Strategies.IgnoreQueryFilters().SingleAsync(s => s.Uuid == oldUuid)).IsDeleted);
        var audits = await after.Audits.ToDictionaryAsync(a => a.Name);
        Assert.Equal(AuditStates.Cancelled, audits["waiting"].State);
        Assert.Equal(AuditStates.Succeeded, audits["finished"].State);
        Assert.All(audits.Values, a => Assert.Equal(current.Id, a.StrategyId));
    }

    [Fact]
    public async Task Sync_WhenAStrategyNoLongerExists_RemovesItAndClearsItFromTemplates()
    {
        await SyncAsync();
        await using (var db = _database.Open())
        {
            var goal = await db.Goals.SingleAsync(g => g.Name == "dummy");
            var gone = new Strategy { Name = "retired_strategy", DisplayName = "Retired", Goal = goal };
            db.AuditTemplates.Add(new AuditTemplate { Name = "uses-retired", Goal = goal, Strategy = gone });
            await db.SaveChangesAsync();
        }

        await SyncAsync();

        await using var after = _database.Open();
        Assert.False(await after.Strategies.AnyAsync(s => s.Name == "retired_strategy"));
        Assert.Null((await after.AuditTemplates.SingleAsync()).StrategyId);
    }

    [Fact]
    public async Task Sync_WritesTheScoringEngines_KeepsUnchangedOnes_ReplacesChangedOnes_RemovesVanishedOnes()
    {
        var engines = _plugins.GetRequiredService<PluginCatalog<Watcher.Modules.Decision.Scoring.IScoringEngine>>();
        async Task SyncWithEnginesAsync()
        {
            await using var db = _database.Open();
            await new SyncCatalogHandler(db, _plugins.GetRequiredService<PluginCatalog<IGoal>>(),
                _plugins.GetRequiredService<PluginCatalog<IStrategy>>(), NullLogger<SyncCatalogHandler>.Instance, engines)
                .Handle(new SyncCatalog(), CancellationToken.None);
        }

        await SyncWithEnginesAsync();
        Dictionary<string, string> before;
        await using (var db = _database.Open())
        {
            before = await db.ScoringEngines.ToDictionaryAsync(e => e.Name, e => e.Uuid);
            db.ScoringEngines.Single(e => e.Name == "dummy_max_scorer").Description = "old text";
            db.ScoringEngines.Add(new ScoringEngine { Name = "retired_scorer", Description = "gone" });
            await db.SaveChangesAsync();
        }

        await SyncWithEnginesAsync();

        await using var check = _database.Open();
        var after = await check.ScoringEngines.ToDictionaryAsync(e => e.Name, e => e.Uuid);
        Assert.Equal(["dummy_avg_scorer", "dummy_max_scorer", "dummy_min_scorer", "dummy_scorer"], after.Keys.Order());
        Assert.Equal(before["dummy_scorer"], after["dummy_scorer"]);
        Assert.NotEqual(before["dummy_max_scorer"], after["dummy_max_scorer"]);
        Assert.Equal(2, await check.ScoringEngines.IgnoreQueryFilters().CountAsync(e => e.DeletedAt != null));
    }
}
