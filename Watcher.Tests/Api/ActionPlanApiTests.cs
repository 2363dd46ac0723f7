using System.Text.Json.Nodes;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Persistence;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

public abstract class ActionPlanApiTests(DatabaseProvider provider) : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory(provider).WithCatalog();

    public void Dispose() => _app.Dispose();

    /// <summary>A succeeded dummy audit with one RECOMMENDED plan of three PENDING actions (nop, sleep, nop).</summary>
    private (string Audit, string Plan, string[] Actions) SeedPlan(Action<ActionPlan>? shape = null)
    {
        string audit = "", plan = "";
        var actions = new List<string>();
        _app.Seed(db =>
        {
            var strategy = db.Strategies.Single(s => s.Name == "dummy");
            var a = new Audit { Name = "a-" + Guid.NewGuid(), GoalId = strategy.GoalId, Strategy = strategy };
            a.BeginRun("host");
            a.Succeed();
            var p = new ActionPlan { Audit = a, Strategy = strategy, GlobalEfficacy = [] };
            p.EfficacyIndicators.Add(new EfficacyIndicator { Name = "instance_migrations_count", Description = "n", Value = 0 });
            foreach (var type in new[] { "nop", "resize", "nop" })
                p.Actions.Add(new WatcherAction { ActionType = type, InputParameters = new JsonObject { ["message"] = "hi" } });
            shape?.Invoke(p);
            db.ActionPlans.Add(p);
            audit = a.Uuid;
            plan = p.Uuid;
            actions.AddRange(p.Actions.Select(x => x.Uuid));
        });
        return (audit, plan, actions.ToArray());
    }

    [Fact]
    public async Task GetAndList_ShowThePlanWithItsEfficacy_AndFilterByAudit()
    {
        var (audit, plan, _) = SeedPlan();
        SeedPlan();
        var client = _app.Client("1.5");
        var detail = await client.GetAsync($"/v1/action_plans/{plan}").ExpectJson();
        Assert.Equal("RECOMMENDED", detail["state"]!.GetValue<string>());
        Assert.Equal(audit, detail["audit_uuid"]!.GetValue<string>());
        Assert.Equal("dummy", detail["strategy_name"]!.GetValue<string>());
        Assert.Equal("instance_migrations_count", detail["efficacy_indicators"]![0]!["name"]!.GetValue<string>());
        Assert.True(detail.AsObject().ContainsKey("status_message"));
        var list = await client.GetAsync($"/v1/action_plans?audit_uuid={audit}").ExpectJson();
        Assert.Equal(plan, list["action_plans"]!.AsArray().Single()!["uuid"]!.GetValue<string>());
        Assert.Equal("Expected a uuid but received abc", await client.GetAsync("/v1/action_plans/abc").ExpectError(400));
    }

    [Fact]
    public async Task Start_MovesToPending_AndLaunchesThePlan_OnlyOnce()
    {
        var (_, plan, _) = SeedPlan();
        var client = _app.Client();
        var started = await client.PostJson($"/v1/action_plans/{plan}/start", "{}").ExpectJson();
        Assert.Equal("PENDING", started["state"]!.GetValue<string>());
        Assert.Contains(new LaunchActionPlan(plan), _app.Published);
        Assert.Equal("Couldn't start when state is 'PENDING'.", await client.PostJson($"/v1/action_plans/{plan}/start", "{}").ExpectError(400));
    }

    [Fact]
    public async Task PatchToPending_LaunchesThePlan()
    {
        var (_, plan, _) = SeedPlan();
        var patched = await _app.Client().Replace($"/v1/action_plans/{plan}", "/state", "PENDING").ExpectJson();
        Assert.Equal("PENDING", patched["state"]!.GetValue<string>());
        Assert.Contains(new LaunchActionPlan(plan), _app.Published);
    }

    [Fact]
    public async Task PatchToCancelled_CancelsThePendingActions()
    {
        var (_, plan, _) = SeedPlan();
        var client = _app.Client();
        await client.Replace($"/v1/action_plans/{plan}", "/state", "CANCELLED").ExpectJson();
        var actions = await client.GetAsync($"/v1/actions/?action_plan_uuid={plan}").ExpectJson();
        Assert.All(actions["actions"]!.AsArray(), a => Assert.Equal("CANCELLED", a!["state"]!.GetValue<string>()));
        Assert.Empty(_app.Published);
    }

    [Fact]
    public async Task PatchOngoingPlan_ToCancelling_IsAllowed_ButNotToCancelled()
    {
        var (_, plan, _) = SeedPlan(p => p.BeginExecution("applier"));
        var client = _app.Client();
        var message = await client.Replace($"/v1/action_plans/{plan}", "/state", "CANCELLED").ExpectError(400);
        Assert.EndsWith("Reason: State transition not allowed: (ONGOING -> CANCELLED)", message);
        var cancelling = await client.Replace($"/v1/action_plans/{plan}", "/state", "CANCELLING").ExpectJson();
        Assert.Equal("CANCELLING", cancelling["state"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/state", "BOGUS", "Invalid state: BOGUS")]
    [InlineData("/status_message", "hi", "'/status_message' is an internal attribute and can not be updated")]
    public async Task Patch_RejectsBadStatesAndInternalAttributes(string path, string value, string message)
    {
        var (_, plan, _) = SeedPlan();
        Assert.Equal(message, await _app.Client().Replace($"/v1/action_plans/{plan}", path, value).ExpectError(400));
    }

    [Fact]
    public async Task Delete_SoftDeletesThePlanAndItsActions_ButNotAnOngoingPlan()
    {
        var (_, plan, _) = SeedPlan();
        var (_, ongoing, _) = SeedPlan(p => p.BeginExecution("applier"));
        var client = _app.Client();
        Assert.Equal("Couldn't delete when state is 'ONGOING'.", await client.DeleteAsync($"/v1/action_plans/{ongoing}").ExpectError(400));
        Assert.Equal(204, (int)(await client.DeleteAsync($"/v1/action_plans/{plan}")).StatusCode);
        await client.GetAsync($"/v1/action_plans/{plan}").ExpectError(404);
        var actions = await client.GetAsync($"/v1/actions?action_plan_uuid={plan}").ExpectJson();
        Assert.Empty(actions["actions"]!.AsArray());
        Assert.All(_app.Read(db => db.Actions.IgnoreFilters().Where(a => a.ActionPlan.Uuid == plan).Select(a => a.State).ToList()),
            s => Assert.Equal(ActionStates.Deleted, s));
    }

    [Fact]
    public async Task Actions_ShowDescriptions_AndRefuseBothFilters()
    {
        var (audit, plan, actions) = SeedPlan();
        var client = _app.Client();
        var nop = await client.GetAsync($"/v1/actions/{actions[0]}").ExpectJson();
        Assert.Equal("Logging a NOP message", nop["description"]!.GetValue<string>());
        // The applier syncs one description per action type it can run.
        var resize = await client.GetAsync($"/v1/actions/{actions[1]}").ExpectJson();
        Assert.Equal("Resize a server with specified flavor.", resize["description"]!.GetValue<string>());
        var byAudit = await client.GetAsync($"/v1/actions/detail?audit_uuid={audit}").ExpectJson();
        Assert.Equal(3, byAudit["actions"]!.AsArray().Count);
        Assert.Equal("Filtering actions on both audit and action-plan is prohibited",
            await client.GetAsync($"/v1/actions?audit_uuid={audit}&action_plan_uuid={plan}").ExpectError(400));
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.4")]
    public async Task SkipAction_Below15_Is400(string version)
    {
        var (_, _, actions) = SeedPlan();
        Assert.Equal("API microversion 1.5 or higher is required.",
            await _app.Client(version).Replace($"/v1/actions/{actions[0]}", "/state", "SKIPPED").ExpectError(400));
    }

    [Fact]
    public async Task SkipAction_At15_SetsTheServerMessage_AndAReasonCanBeAddedLater()
    {
        var (_, _, actions) = SeedPlan();
        var client = _app.Client("1.5");
        var skipped = await client.Replace($"/v1/actions/{actions[0]}", "/state", "SKIPPED").ExpectJson();
        Assert.Equal("SKIPPED", skipped["state"]!.GetValue<string>());
        Assert.Equal("Action skipped by user.", skipped["status_message"]!.GetValue<string>());
        var reasoned = await client.Replace($"/v1/actions/{actions[0]}", "/status_message", "Not needed for this maintenance window.").ExpectJson();
        Assert.Equal("Action skipped by user. Reason: Not needed for this maintenance window.", reasoned["status_message"]!.GetValue<string>());
        var both = await client.PatchJson($"/v1/actions/{actions[1]}",
            """[{"op": "replace", "path": "/state", "value": "SKIPPED"}, {"op": "replace", "path": "/status_message", "value": "freeze"}]""").ExpectJson();
        Assert.Equal("Action skipped by user. Reason: freeze", both["status_message"]!.GetValue<string>());
    }

    [Fact]
    public async Task SkipAction_ConflictsAre409()
    {
        var (_, _, actions) = SeedPlan();
        var (_, _, running) = SeedPlan(p => p.BeginExecution("applier"));
        var client = _app.Client("1.5");
        Assert.Equal("State transition not allowed: (PENDING -> SUCCEEDED)",
            await client.Replace($"/v1/actions/{actions[0]}", "/state", "SUCCEEDED").ExpectError(409));
        Assert.Equal("State update not allowed for actionplan state: ONGOING",
            await client.Replace($"/v1/actions/{running[0]}", "/state", "SKIPPED").ExpectError(409));
        Assert.Equal("status_message update only allowed when action state is SKIPPED",
            await client.Replace($"/v1/actions/{actions[0]}", "/status_message", "why").ExpectError(409));
        Assert.Equal("'/action_type' is not an allowed attribute and can not be updated",
            await client.Replace($"/v1/actions/{actions[0]}", "/action_type", "x").ExpectError(400));
        Assert.Equal("Invalid state: NOPE", await client.Replace($"/v1/actions/{actions[0]}", "/state", "NOPE").ExpectError(400));
    }
}

public sealed class ActionPlanApiTestsOnSqlite() : ActionPlanApiTests(DatabaseProvider.Sqlite);

public sealed class ActionPlanApiTestsOnPostgreSql() : ActionPlanApiTests(DatabaseProvider.PostgreSql);
