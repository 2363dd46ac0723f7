using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Applier;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Applier;

/// <summary>
/// The execution job against the rules a job system imposes: it may run twice (a duplicate job, a second
/// process), and the process may be asked to stop while it runs (SIGTERM: drain, then abort after the grace).
/// </summary>
public sealed class ApplierJobSafetyTests
{
    private const string Vm = "a0000000-0000-4000-8000-000000000001";

    private static JsonObject Move() => new()
    {
        ["resource_id"] = Vm, ["migration_type"] = "live", ["source_node"] = "node-1", ["destination_node"] = "node-2",
    };

    [Fact]
    public async Task AJobRunTwice_AtOnceOrOneAfterTheOther_MigratesOnce()
    {
        await using var harness = new ApplierHarness();
        harness.Cloud.WithHost("node-1").WithHost("node-2").WithServer(Vm, "node-1");
        harness.Cloud.PollsBeforeMigrationEnds = 3;
        var plan = await harness.SeedPlanAsync([new("move", "migrate", Move())]);
        var launch = new LaunchActionPlanHandler(harness.Jobs);
        for (var i = 0; i < 3; i++) await launch.Handle(new LaunchActionPlan(plan.Uuid), CancellationToken.None);
        var jobs = harness.Jobs.Waiting;
        harness.Jobs.Clear();

        await Task.WhenAll(jobs.Select(j => Support.RecordingJobs.RunAsync(harness.Services, j)));
        await Support.RecordingJobs.RunAsync(harness.Services, jobs[0]);   // and once more, after it finished

        Assert.Equal([$"live {Vm} -> node-2"], harness.Cloud.Calls.Where(c => c.StartsWith("live")));
        Assert.Equal(ActionPlanStates.Succeeded, (await harness.PlanAsync(plan.Uuid)).State);
        Assert.Equal("node-2", harness.Cloud.Peek(Vm)!.Host);
    }

    [Fact]
    public async Task StopRequested_WhileAnActionRuns_LetsItFinish_StartsNothingMore_AndRecordsWhy()
    {
        var gate = new GateAction();
        await using var harness = new ApplierHarness(extra: s => s.AddSingleton<IAction>(gate));
        var plan = await harness.SeedPlanAsync([
            new("gate", GateAction.PluginName, new JsonObject()),
            new("after", "nop", new JsonObject { ["message"] = "later" }, "gate"),
        ]);
        using var drain = new CancellationTokenSource();

        var run = harness.Executor.RunAsync(plan.Uuid, CancellationToken.None, drain.Token);
        await ApplierHarness.WaitUntilAsync(async () => (await harness.ActionAsync(plan["gate"])).State == ActionStates.Ongoing, "gate ONGOING");
        await drain.CancelAsync();   // SIGTERM
        await Task.Delay(100);
        Assert.False(run.IsCompleted);   // the running action is waited for
        gate.Gate.SetResult();
        await run;

        var reason = $"because Applier {ApplierHarness.Host} was stopped while the action plan was ongoing.";
        var done = await harness.PlanAsync(plan.Uuid);
        Assert.Equal((ActionPlanStates.Cancelled, $"Action plan was cancelled {reason}"), (done.State, done.StatusMessage));
        Assert.Equal(ActionStates.Succeeded, (await harness.ActionAsync(plan["gate"])).State);
        var after = await harness.ActionAsync(plan["after"]);
        Assert.Equal((ActionStates.Cancelled, $"Action was cancelled {reason}"), (after.State, after.StatusMessage));
    }

    [Fact]
    public async Task GraceOver_TheRunningActionIsAborted_AndThePlanEndsCancelledWithWhy()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([new("sleep", "sleep", new JsonObject { ["duration"] = 3600 })]);
        using var drain = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();

        var run = harness.Executor.RunAsync(plan.Uuid, abort.Token, drain.Token);
        await ApplierHarness.WaitUntilAsync(async () => (await harness.ActionAsync(plan["sleep"])).State == ActionStates.Ongoing, "sleep ONGOING");
        await drain.CancelAsync();
        await abort.CancelAsync();   // the grace period is over
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        var done = await harness.PlanAsync(plan.Uuid);
        Assert.Equal(ActionPlanStates.Cancelled, done.State);
        Assert.StartsWith("Action plan was cancelled because Applier", done.StatusMessage);
        Assert.Equal(ActionStates.Cancelled, (await harness.ActionAsync(plan["sleep"])).State);   // sleep's abort() says cancelled
    }

    [Fact]
    public async Task GraceOver_AColdMigrationThatCannotBeAborted_IsLeftOngoing_ForTheNextProcessToReconcile()
    {
        await using var harness = new ApplierHarness(new() { ["Watcher:Nova:MigrationMaxRetries"] = "1000000" });
        harness.Cloud.WithHost("node-1").WithHost("node-2").WithServer(Vm, "node-1");
        harness.Cloud.MigrationsNeverEnd = true;
        var cold = Move();
        cold["migration_type"] = "cold";
        var plan = await harness.SeedPlanAsync([new("cold", "migrate", cold), new("after", "nop", new JsonObject { ["message"] = "x" }, "cold")]);
        using var drain = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();

        var run = harness.Executor.RunAsync(plan.Uuid, abort.Token, drain.Token);
        await ApplierHarness.WaitUntilAsync(async () => (await harness.ActionAsync(plan["cold"])).State == ActionStates.Ongoing, "cold ONGOING");
        await drain.CancelAsync();
        await abort.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(20));

        // Not cut off with a "cancelled" that the cloud would contradict: the recovery asks the cloud later.
        Assert.Equal(ActionPlanStates.Ongoing, (await harness.PlanAsync(plan.Uuid)).State);
        Assert.Equal(ActionStates.Ongoing, (await harness.ActionAsync(plan["cold"])).State);
        Assert.Equal(ActionStates.Pending, (await harness.ActionAsync(plan["after"])).State);
        Assert.DoesNotContain(harness.Cloud.Calls, c => c.StartsWith("abort"));
    }
}
