using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Applier;

/// <summary>
/// The plan as a graph on a controlled clock: actions whose parents are done run side by side up to MaxWorkers and
/// the per-type limits, and nothing starts before its parents ended. The clock moves only when every running action
/// has registered its wait, so the start and end times recorded are exact.
/// </summary>
public sealed class WorkflowSchedulingTests
{
    private static PlannedStep Timed(string key, double seconds, params string[] parents) =>
        new(key, TimedAction.PluginName, new JsonObject { ["label"] = key, ["seconds"] = seconds }, parents);

    private static (ApplierHarness Harness, FakeTimeProvider Clock, Timeline Timeline) Build(Dictionary<string, string?> settings)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        var timeline = new Timeline(clock);
        var harness = new ApplierHarness(settings, s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            s.AddSingleton(timeline);
            s.AddSingleton<IAction, TimedAction>();
        });
        return (harness, clock, timeline);
    }

    private static Task Until(Func<bool> condition, string what) => ApplierHarness.WaitUntilAsync(() => Task.FromResult(condition()), what);

    [Fact]
    public async Task ReadyActions_RunSideBySide_UpToTheTypeLimit_AndChildrenWaitForTheirParents()
    {
        var (harness, clock, timeline) = Build(new()
        {
            ["Watcher:WorkflowEngine:MaxWorkers"] = "3", ["Watcher:WorkflowEngine:ActionTypeLimits:timed"] = "2",
        });
        await using var _ = harness;
        var plan = await harness.SeedPlanAsync([
            Timed("a", 10), Timed("b", 10), Timed("c", 10), Timed("d", 5, "a"), Timed("e", 10, "b", "c"),
        ]);

        var run = harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);
        await Until(() => timeline.HasStarted("a") && timeline.HasStarted("b"), "a and b running");
        Assert.False(timeline.HasStarted("c"));   // the third "timed" waits for the limit of 2
        clock.Advance(TimeSpan.FromSeconds(10));
        await Until(() => timeline.HasStarted("c") && timeline.HasStarted("d"), "c and d running");
        clock.Advance(TimeSpan.FromSeconds(5));
        await Until(() => timeline.HasEnded("d"), "d ended");
        Assert.False(timeline.HasStarted("e"));   // c still runs
        clock.Advance(TimeSpan.FromSeconds(5));
        await Until(() => timeline.HasStarted("e"), "e running");
        clock.Advance(TimeSpan.FromSeconds(10));
        await run;

        Assert.Equal(new Dictionary<string, double> { ["a"] = 0, ["b"] = 0, ["c"] = 10, ["d"] = 10, ["e"] = 20 }, timeline.Started);
        Assert.Equal(new Dictionary<string, double> { ["a"] = 10, ["b"] = 10, ["c"] = 20, ["d"] = 15, ["e"] = 30 }, timeline.Ended);
        Assert.Equal(2, timeline.MostAtOnce());
        Assert.Equal(ActionPlanStates.Succeeded, (await harness.PlanAsync(plan.Uuid)).State);
    }

    [Fact]
    public async Task MaxWorkers_BoundsTheActionsRunningAtOnce_WhateverTheirTypes()
    {
        var (harness, clock, timeline) = Build(new() { ["Watcher:WorkflowEngine:MaxWorkers"] = "2" });
        await using var _ = harness;
        var plan = await harness.SeedPlanAsync([Timed("a", 10), Timed("b", 20), Timed("c", 10)]);

        var run = harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);
        await Until(() => timeline.HasStarted("a") && timeline.HasStarted("b"), "a and b running");
        clock.Advance(TimeSpan.FromSeconds(10));
        await Until(() => timeline.HasStarted("c"), "c running");
        clock.Advance(TimeSpan.FromSeconds(10));
        await run;

        Assert.Equal(new Dictionary<string, double> { ["a"] = 0, ["b"] = 0, ["c"] = 10 }, timeline.Started);
        Assert.Equal(new Dictionary<string, double> { ["a"] = 10, ["b"] = 20, ["c"] = 20 }, timeline.Ended);
        Assert.Equal(2, timeline.MostAtOnce());
    }

    [Fact]
    public async Task AFailure_LetsRunningSiblingsFinish_AndStartsNothingAfterIt()
    {
        var (harness, clock, timeline) = Build(new() { ["Watcher:WorkflowEngine:MaxWorkers"] = "2" });
        await using var _ = harness;
        var plan = await harness.SeedPlanAsync([
            Timed("long", 10), new("bad", "nop", new JsonObject { ["message"] = "x", ["fail_execute"] = true }),
            Timed("later", 1), Timed("child", 1, "long"),
        ]);

        var run = harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);
        await Until(() => timeline.HasStarted("long"), "long running");
        await ApplierHarness.WaitUntilAsync(async () => (await harness.ActionAsync(plan["bad"])).State == ActionStates.Failed, "bad FAILED");
        clock.Advance(TimeSpan.FromSeconds(10));
        await run;

        Assert.Equal(ActionStates.Succeeded, (await harness.ActionAsync(plan["long"])).State);
        Assert.False(timeline.HasStarted("later"));
        Assert.False(timeline.HasStarted("child"));
        var cancelled = $"Action was cancelled because action {plan["bad"]} failed.";
        Assert.Equal((ActionStates.Cancelled, cancelled), Pair(await harness.ActionAsync(plan["later"])));
        Assert.Equal((ActionStates.Cancelled, cancelled), Pair(await harness.ActionAsync(plan["child"])));
        Assert.Equal(ActionPlanStates.Failed, (await harness.PlanAsync(plan.Uuid)).State);
    }

    private static (string, string?) Pair(WatcherAction a) => (a.State, a.StatusMessage);
}
