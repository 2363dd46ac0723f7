using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>Each way an audit runs (once, continuously, on a webhook, auto-triggered) through the real service.</summary>
public abstract class AuditKindsTests(DatabaseProvider provider)
{
    [Fact]
    public async Task DummyAudit_PlanRunsAndBothCanBeDeleted()   // upstream functional scenario 1 (reference §17.6)
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json", provider: provider);
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""
            {"audit_type": "ONESHOT", "goal": "dummy", "strategy": "dummy", "parameters": {"para1": 1.0, "para2": "test-message"}}
            """);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;
        Assert.Equal(["nop", "nop", "sleep"], (await client.ActionsOfAsync(plan)).Select(a => (string)a["action_type"]!));

        await client.StartPlanAsync(plan);
        await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED");
        Assert.All(await client.ActionsOfAsync(plan), a => Assert.Equal("SUCCEEDED", (string?)a["state"]));

        await client.DeleteAsync($"/v1/action_plans/{plan}").ExpectStatus(204);
        await client.GetAsync($"/v1/action_plans/{plan}").ExpectError(404);
        Assert.Empty(await client.ActionsOfAsync(plan));
        await client.DeleteAsync($"/v1/audits/{audit}").ExpectStatus(204);
        await client.GetAsync($"/v1/audits/{audit}").ExpectError(404);
    }

    [Fact]
    public async Task HostMaintenance_WithABackupNode_DrainsTheHostOntoIt()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json", provider: provider);
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""
            {"audit_type": "ONESHOT", "goal": "cluster_maintaining", "strategy": "host_maintenance", "auto_trigger": true,
             "parameters": {"maintenance_node": "node-3", "backup_node": "node-4"}}
            """);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;
        await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED");   // auto_trigger: nobody started it

        var cloud = factory.Services.GetRequiredService<IComputeCloud>();
        var onNode3 = (await cloud.ListServersAsync()).Where(s => s.Name is "vm-4" or "vm-5").Select(s => s.Host);
        Assert.All(onNode3, host => Assert.Equal("node-4", host));
        var node3 = (await cloud.ListComputeServicesAsync()).Single(s => s.Host == "node-3");
        Assert.Equal(("disabled", "watcher_maintaining"), (node3.Status, node3.DisabledReason));
    }

    [Fact]
    public async Task OneshotAudit_WhileAnotherPlanIsOngoing_IsCancelled_UnlessForced()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json", provider: provider);
        var client = factory.Operator();
        SeedOngoingPlanOfAnotherApplier(factory);

        var blocked = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy"}""");
        await client.PollStateAsync($"/v1/audits/{blocked}", "CANCELLED");
        Assert.Empty(await client.PlansOfAsync(blocked));

        var forced = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy", "force": true}""");
        await client.PollStateAsync($"/v1/audits/{forced}", "SUCCEEDED");
        Assert.Single(await client.PlansOfAsync(forced));
    }

    [Fact]
    public async Task ContinuousAudit_RunsEveryInterval_AndEachNewPlanSupersedesTheLastRecommendation()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json",
            new Dictionary<string, string?> { ["Watcher:DecisionEngine:ContinuousAuditInterval"] = "1" }, provider);
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""{"audit_type": "CONTINUOUS", "goal": "dummy", "interval": "1"}""");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        List<System.Text.Json.Nodes.JsonNode> plans;
        do
        {
            await Task.Delay(200);
            plans = await client.PlansOfAsync(audit);
        } while (plans.Count < 2 && DateTime.UtcNow < deadline);

        Assert.True(plans.Count >= 2, $"only {plans.Count} plan(s) after 60 s");
        Assert.Equal("ONGOING", (string?)(await client.GetAsync($"/v1/audits/{audit}").ExpectJson())["state"]);
        await client.Replace($"/v1/audits/{audit}", "/state", "CANCELLED").ExpectJson();
        plans = await client.PlansOfAsync(audit);
        Assert.True(plans.Count(p => (string?)p["state"] == "RECOMMENDED") <= 1);
        Assert.Contains(plans, p => (string?)p["state"] == "CANCELLED");
    }

    [Fact]
    public async Task ContinuousAudit_WithAnHourInterval_RunsAtOnceWhenCreated_NotAnHourLate()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json", provider: provider);
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""{"audit_type": "CONTINUOUS", "goal": "dummy", "interval": "3600"}""");

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await client.PlansOfAsync(audit)).Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the first run did not come within a minute");
            await Task.Delay(100);
        }
        var view = await client.GetAsync($"/v1/audits/{audit}").ExpectJson();
        Assert.Equal("ONGOING", (string?)view["state"]);
        var next = DateTime.Parse((string)view["next_run_time"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal);
        Assert.InRange(next - DateTime.UtcNow, TimeSpan.FromMinutes(58), TimeSpan.FromMinutes(60));
    }

    [Fact]
    public async Task EventAudit_WaitsForItsWebhook_ThenRuns()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json", provider: provider);
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""{"audit_type": "EVENT", "goal": "dummy"}""");
        await Task.Delay(300);
        Assert.Equal("PENDING", (string?)(await client.GetAsync($"/v1/audits/{audit}").ExpectJson())["state"]);

        await client.PostJson($"/v1/webhooks/{audit}", "{}").ExpectStatus(202);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        Assert.Single(await client.PlansOfAsync(audit));
    }

    [Fact]
    public async Task CancellingARunningPlan_AbortsTheSleepAndCancelsWhatIsLeft()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json",
            new Dictionary<string, string?> { ["Watcher:Applier:CancellationPollInterval"] = "0.05" }, provider);
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""
            {"audit_type": "ONESHOT", "goal": "dummy", "strategy": "dummy", "parameters": {"para1": 10.0}}
            """);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = (string)(await client.PlansOfAsync(audit))[0]["uuid"]!;

        await client.StartPlanAsync(plan);
        var sleep = (await client.ActionsOfAsync(plan)).Single(a => (string?)a["action_type"] == "sleep");
        await client.PollStateAsync($"/v1/actions/{sleep["uuid"]}", "ONGOING");
        await client.Replace($"/v1/action_plans/{plan}", "/state", "CANCELLING").ExpectJson();

        await client.PollStateAsync($"/v1/action_plans/{plan}", "CANCELLED");
        var states = (await client.ActionsOfAsync(plan)).ToDictionary(a => (string)a["uuid"]!, a => (string)a["state"]!);
        Assert.Equal("CANCELLED", states[(string)sleep["uuid"]!]);
    }

    /// <summary>A plan another live process (its heartbeat is fresh) is executing right now.</summary>
    private static void SeedOngoingPlanOfAnotherApplier(WatcherAppFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        db.Processes.Add(new WatcherProcess { InstanceId = "another", Host = "another-applier", StartedAt = db.UtcNow, LastSeenUp = db.UtcNow });
        var strategy = db.Strategies.Single(s => s.Name == "dummy");
        var audit = new Audit { Name = "elsewhere", GoalId = strategy.GoalId, StrategyId = strategy.Id };
        var plan = new ActionPlan { Audit = audit, StrategyId = strategy.Id };
        plan.Start();
        plan.BeginExecution("another-applier", "another");
        db.ActionPlans.Add(plan);
        db.SaveChanges();
    }
}

public sealed class AuditKindsTestsOnSqlite() : AuditKindsTests(DatabaseProvider.Sqlite);

public sealed class AuditKindsTestsOnPostgreSql() : AuditKindsTests(DatabaseProvider.PostgreSql);
