using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Applier;

public sealed class WorkflowEngineTests
{
    private static JsonObject Nop(string? flag = null)
    {
        var p = new JsonObject { ["message"] = "hello" };
        if (flag is not null) p[flag] = true;
        return p;
    }

    private static PlannedStep Record(string key, params string[] parents) =>
        new(key, RecordAction.PluginName, new JsonObject { ["label"] = key }, parents);

    private static ApplierHarness WithRecorder(ExecutionLog log, Dictionary<string, string?>? settings = null) =>
        new(settings, s =>
        {
            s.AddSingleton(log);
            s.AddSingleton<IAction, RecordAction>();
        });

    [Fact]
    public async Task SixActionsRunTogether_EndInUpstreamStatesAndMessages_AndPlanFailsWithSkippedMessage()
    {
        // Reference §17.5: all six start at once (enough workers), so a failure among them stops none of the others.
        await using var harness = new ApplierHarness(new() { ["Watcher:WorkflowEngine:MaxWorkers"] = "6" });
        var plan = await harness.SeedPlanAsync([
            new("ok", "nop", Nop()),
            new("skip", "nop", Nop("skip_pre_condition")),
            new("pre", "nop", Nop("fail_pre_condition")),
            new("exec", "nop", Nop("fail_execute")),
            new("post", "nop", Nop("fail_post_condition")),
            new("sleep", "sleep", new JsonObject { ["duration"] = 1.0 }),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        async Task Expect(string key, string state, string? message)
        {
            var action = await harness.ActionAsync(plan[key]);
            Assert.Equal((state, message), (action.State, action.StatusMessage));
        }
        await Expect("ok", ActionStates.Succeeded, null);
        await Expect("skip", ActionStates.Skipped, "Action was skipped automatically: Skipped in pre_condition");
        await Expect("pre", ActionStates.Failed, "Action failed in pre_condition: Failed in pre_condition");
        await Expect("exec", ActionStates.Failed, $"Action failed in execute: The action {plan["exec"]} execution failed.");
        await Expect("post", ActionStates.Failed, "Action failed in post_condition: Failed in post_condition");
        await Expect("sleep", ActionStates.Succeeded, null);
        var final = await harness.PlanAsync(plan.Uuid);
        Assert.Equal((ActionPlanStates.Failed, "One or more actions were skipped."), (final.State, final.StatusMessage));
        Assert.Equal(ApplierHarness.Host, final.Hostname);
        // The cluster model is told after each execute that succeeded: ok, post (its execute succeeded) and sleep.
        Assert.Equal(3, harness.Mediator.Published.OfType<ClusterChanged>().Count());
    }

    [Fact]
    public async Task PlanWithOnlySuccessfulAndSkippedActions_Succeeds_WithSkippedMessage()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([new("ok", "nop", Nop()), new("skip", "nop", Nop("skip_pre_condition"))]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        var final = await harness.PlanAsync(plan.Uuid);
        Assert.Equal((ActionPlanStates.Succeeded, "One or more actions were skipped."), (final.State, final.StatusMessage));
    }

    [Fact]
    public async Task ChildActions_NeverStartBeforeAllTheirParentsFinished()
    {
        var log = new ExecutionLog();
        await using var harness = WithRecorder(log);
        var plan = await harness.SeedPlanAsync([
            Record("a"), Record("b"), Record("c", "a", "b"), Record("d", "c"), Record("e", "a"), Record("f"),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        foreach (var (child, parent) in new[] { ("c", "a"), ("c", "b"), ("d", "c"), ("e", "a") })
            Assert.True(log.IndexOf($"end:{parent}") < log.IndexOf($"start:{child}"), $"{child} started before {parent} ended");
        Assert.All((await harness.PlanAsync(plan.Uuid)).Actions, a => Assert.Equal(ActionStates.Succeeded, a.State));
    }

    [Fact]
    public async Task WithOneWorker_ActionsRunOneAtATime()
    {
        var log = new ExecutionLog();
        await using var harness = WithRecorder(log, new() { ["Watcher:WorkflowEngine:MaxWorkers"] = "1" });
        var plan = await harness.SeedPlanAsync([Record("a"), Record("b"), Record("c")]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        var events = log.Events.ToList();
        for (var i = 0; i < events.Count; i += 2)
            Assert.Equal(events[i].Replace("start:", "end:"), events[i + 1]);
    }

    [Fact]
    public async Task AlwaysRule_RunsChildrenOfSucceededAndSkippedParents_AndAFailureStopsThePlan()
    {
        await using var harness = new ApplierHarness(new() { ["Watcher:WorkflowEngine:MaxWorkers"] = "1" });
        var plan = await harness.SeedPlanAsync([
            new("ok", "nop", Nop()), new("skip", "nop", Nop("skip_pre_condition"), "ok"), new("afterSkip", "nop", Nop(), "skip"),
            new("bad", "nop", Nop("fail_execute"), "afterSkip"), new("afterBad", "nop", Nop(), "bad"), new("unrelated", "nop", Nop(), "afterSkip"),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        async Task<(string, string?)> Of(string key) { var a = await harness.ActionAsync(plan[key]); return (a.State, a.StatusMessage); }
        Assert.Equal((ActionStates.Succeeded, null), await Of("afterSkip"));
        Assert.Equal(ActionStates.Failed, (await Of("bad")).Item1);
        // With one worker "bad" ran before "unrelated"; after the failure nothing new starts.
        var why = $"Action was cancelled because action {plan["bad"]} failed.";
        Assert.Equal((ActionStates.Cancelled, why), await Of("afterBad"));
        Assert.Equal((ActionStates.Cancelled, why), await Of("unrelated"));
        Assert.Equal(ActionPlanStates.Failed, (await harness.PlanAsync(plan.Uuid)).State);
    }

    [Fact]
    public async Task AnyRule_RunsAChildOnlyWhenItsParentDidNotSucceed_AndSkipsTheAlternativesNotNeeded()
    {
        await using var harness = new ApplierHarness(new() { ["Watcher:WorkflowEngine:ActionExecutionRule:dummy"] = "ANY" });
        var plan = await harness.SeedPlanAsync([
            new("ok", "nop", Nop()), new("afterOk", "nop", Nop(), "ok"), new("grandchild", "nop", Nop(), "afterOk"),
            new("bad", "nop", Nop("fail_execute")), new("afterBad", "nop", Nop(), "bad"),
            new("badPre", "nop", Nop("fail_pre_condition")), new("afterBadPre", "nop", Nop(), "badPre"),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        async Task<(string, string?)> Of(string key) { var a = await harness.ActionAsync(plan[key]); return (a.State, a.StatusMessage); }
        Assert.Equal((ActionStates.Skipped, $"Action was skipped automatically: its parent action {plan["ok"]} succeeded, so this alternative was not needed"),
            await Of("afterOk"));
        Assert.Equal((ActionStates.Skipped, $"Action was skipped automatically: its parent action {plan["afterOk"]} was not run"),
            await Of("grandchild"));
        // A failure does not stop an ANY plan: it is what runs the alternative.
        Assert.Equal(ActionStates.Succeeded, (await Of("afterBad")).Item1);
        // Quirk 20 fixed: a pre-condition failure is a failure, so the alternative runs.
        Assert.Equal(ActionStates.Succeeded, (await Of("afterBadPre")).Item1);
        var final = await harness.PlanAsync(plan.Uuid);
        Assert.Equal((ActionPlanStates.Failed, "One or more actions were skipped."), (final.State, final.StatusMessage));
    }

    [Fact]
    public async Task UnknownActionType_FailsThatAction_WithAClearMessage()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([
            new("odd", "frobnicate", new JsonObject { ["resource_id"] = Guid.NewGuid().ToString() }),
            new("ok", "nop", Nop()),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        var action = await harness.ActionAsync(plan["odd"]);
        Assert.Equal((ActionStates.Failed, "Action failed in pre_condition: Unknown action type 'frobnicate'"), (action.State, action.StatusMessage));
        Assert.Equal(ActionStates.Succeeded, (await harness.ActionAsync(plan["ok"])).State);
        Assert.Equal(ActionPlanStates.Failed, (await harness.PlanAsync(plan.Uuid)).State);
    }

    [Fact]
    public async Task InputParametersViolatingTheSchema_FailTheAction()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([new("bad", "sleep", new JsonObject { ["duration"] = 1, ["extra"] = "x" })]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        var action = await harness.ActionAsync(plan["bad"]);
        Assert.Equal(ActionStates.Failed, action.State);
        Assert.Equal("Action failed in pre_condition: Invalid input parameters: Additional properties are not allowed ('extra' was unexpected)",
            action.StatusMessage);
    }

    [Fact]
    public async Task ActionSkippedByUser_IsLeftUntouched_AndItsChildrenStillRun()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([new("skipped", "nop", Nop()), new("child", "nop", Nop(), "skipped")]);
        await using (var db = harness.NewDb())
        {
            var action = db.Actions.Single(a => a.Uuid == plan["skipped"]);
            action.Skip("Action skipped by user.");
            await db.SaveChangesAsync();
        }

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        var skipped = await harness.ActionAsync(plan["skipped"]);
        Assert.Equal((ActionStates.Skipped, "Action skipped by user."), (skipped.State, skipped.StatusMessage));
        Assert.Equal(ActionStates.Succeeded, (await harness.ActionAsync(plan["child"])).State);
        var final = await harness.PlanAsync(plan.Uuid);
        Assert.Equal((ActionPlanStates.Succeeded, "One or more actions were skipped."), (final.State, final.StatusMessage));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task SucceededActionsOfAFailedPlan_AreRevertedOnlyWhenRollbackIsEnabled(string rollback, bool reverted)
    {
        var log = new ExecutionLog();
        await using var harness = WithRecorder(log, new() { ["Watcher:Applier:RollbackWhenActionplanFailed"] = rollback });
        var plan = await harness.SeedPlanAsync([Record("a"), new("bad", "nop", Nop("fail_execute"), "a")]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        Assert.Equal(reverted, log.Events.Contains("revert:a"));
        Assert.Equal(ActionPlanStates.Failed, (await harness.PlanAsync(plan.Uuid)).State);
    }

    [Fact]
    public async Task CyclicParents_FailTheActionsOnTheCycle()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([new("a", "nop", Nop()), new("b", "nop", Nop(), "a")]);
        await using (var db = harness.NewDb())
        {
            db.Actions.Single(a => a.Uuid == plan["a"]).Parents = new JsonArray(plan["b"]);
            await db.SaveChangesAsync();
        }

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        Assert.Equal(ActionStates.Failed, (await harness.ActionAsync(plan["a"])).State);
        Assert.Equal(ActionPlanStates.Failed, (await harness.PlanAsync(plan.Uuid)).State);
    }
}
