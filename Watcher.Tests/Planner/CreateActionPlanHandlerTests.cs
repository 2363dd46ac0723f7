using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Planner;
using Watcher.Modules.Planner.Contracts;
using Watcher.Modules.Planner.Planners;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Tests.Planner;

/// <summary>The handler against a real, migrated SQLite file.</summary>
public sealed class CreateActionPlanHandlerTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"watcher-plan-{Guid.NewGuid():N}.db");
    private readonly string _auditUuid;

    public CreateActionPlanHandlerTests()
    {
        using var db = Open();
        db.ApplyMigrations();
        var goal = new Goal
        {
            Name = "server_consolidation", DisplayName = "Server Consolidation",
            EfficacySpecification = JsonNode.Parse("""
                [{"name": "compute_nodes_count", "description": "Nodes looked at.", "unit": null, "schema": {"type": "integer"}},
                 {"name": "released_compute_nodes_count", "description": "Nodes freed.", "unit": null, "schema": {"type": "integer"}},
                 {"name": "instance_migrations_count", "description": "Moves.", "unit": null, "schema": {"type": "integer"}}]
                """)!.AsArray(),
        };
        db.Goals.Add(goal);
        db.Strategies.Add(new Strategy { Name = "vm_workload_consolidation", DisplayName = "VM Workload Consolidation Strategy", Goal = goal });
        var audit = new Audit { Name = "audit-1", Goal = goal };
        db.Audits.Add(audit);
        db.SaveChanges();
        _auditUuid = audit.Uuid;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_path + suffix);
    }

    private WatcherDbContext Open() => PersistenceModule.Open(DatabaseSettings.Sqlite($"Data Source={_path}"));

    private async Task<string> Handle(Solution solution, IReadOnlyList<EfficacyValue> globalEfficacy)
    {
        using var db = Open();
        var planners = new PluginCatalog<IPlanner>([new WeightPlanner(Options.Create(new WeightPlannerOptions()))]);
        return await new CreateActionPlanHandler(db, planners).Handle(
            new CreateActionPlan(_auditUuid, "vm_workload_consolidation", "weight", solution, globalEfficacy), CancellationToken.None);
    }

    [Fact]
    public async Task Handle_SolutionWithActions_StoresRecommendedPlanWithOrderedPendingActionsAndIndicators()
    {
        var solution = new Solution();
        solution.AddAction("migrate", "vm-1", new JsonObject
        {
            ["migration_type"] = "live", ["source_node"] = "h0", ["destination_node"] = "h1", ["resource_name"] = "vm-1",
        });
        solution.AddAction("change_nova_service_state", "node-0", new JsonObject
        {
            ["state"] = "disabled", ["disabled_reason"] = "watcher_disabled", ["resource_name"] = "h0",
        });
        solution.SetIndicator("compute_nodes_count", 2);
        solution.SetIndicator("released_compute_nodes_count", 1);
        solution.SetIndicator("instance_migrations_count", 1);

        var uuid = await Handle(solution, [new EfficacyValue("released_nodes_ratio", "Share released.", "%", 50)]);

        using var db = Open();
        var plan = await db.ActionPlans.Include(p => p.Actions).Include(p => p.EfficacyIndicators).Include(p => p.Strategy)
            .SingleAsync(p => p.Uuid == uuid);
        Assert.Equal(ActionPlanStates.Recommended, plan.State);
        Assert.Equal("vm_workload_consolidation", plan.Strategy.Name);
        Assert.Equal("""[{"name":"released_nodes_ratio","description":"Share released.","unit":"%","value":50}]""",
            plan.GlobalEfficacy.ToJsonString());

        var actions = plan.Actions.OrderBy(a => a.Id).ToList();
        Assert.Equal(["change_nova_service_state", "migrate"], actions.Select(a => a.ActionType));
        Assert.All(actions, a => Assert.Equal(ActionStates.Pending, a.State));
        Assert.Empty(actions[0].ParentUuids);
        Assert.Equal([actions[0].Uuid], actions[1].ParentUuids);
        Assert.Equal("vm-1", actions[1].InputParameters["resource_id"]!.GetValue<string>());

        var indicators = plan.EfficacyIndicators.OrderBy(i => i.Id).ToList();
        Assert.Equal(["compute_nodes_count", "released_compute_nodes_count", "instance_migrations_count"], indicators.Select(i => i.Name));
        Assert.Equal(("Nodes freed.", 1.0), (indicators[1].Description, indicators[1].Value));
    }

    [Fact]
    public async Task Handle_EmptySolution_StoresASucceededPlan()
    {
        var uuid = await Handle(new Solution(), []);

        using var db = Open();
        var plan = await db.ActionPlans.Include(p => p.Actions).SingleAsync(p => p.Uuid == uuid);
        Assert.Equal(ActionPlanStates.Succeeded, plan.State);
        Assert.Empty(plan.Actions);
        Assert.Equal("[]", plan.GlobalEfficacy.ToJsonString());
    }

    [Fact]
    public async Task Handle_ActionTypeWithoutWeight_FailsAndStoresNothing()
    {
        var solution = new Solution();
        solution.AddAction("teleport", "vm-1");

        await Assert.ThrowsAsync<PlanningFailedException>(() => Handle(solution, []));

        using var db = Open();
        Assert.Empty(db.ActionPlans);
    }

    [Fact]
    public async Task Handle_UnknownPlanner_IsRejected()
    {
        using var db = Open();
        var planners = new PluginCatalog<IPlanner>([new WeightPlanner(Options.Create(new WeightPlannerOptions()))]);

        await Assert.ThrowsAsync<InvalidRequestException>(() => new CreateActionPlanHandler(db, planners).Handle(
            new CreateActionPlan(_auditUuid, "vm_workload_consolidation", "nope", new Solution(), []), CancellationToken.None));
    }
}
