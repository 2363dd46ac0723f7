using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Applier;
using Watcher.Modules.Applier.Conflicts;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Applier.Progress;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Applier;

/// <summary>Two plans never act on one server or host at once; plans on disjoint resources run side by side.</summary>
public sealed class PlanConflictTests
{
    private const string Vm1 = "a0000000-0000-4000-8000-000000000001";
    private const string Vm2 = "a0000000-0000-4000-8000-000000000002";
    private const string Vm3 = "a0000000-0000-4000-8000-000000000003";

    private static JsonObject Move(string vm, string source, string destination) => new()
    {
        ["resource_id"] = vm, ["migration_type"] = "live", ["source_node"] = source, ["destination_node"] = destination,
    };

    private static ApplierHarness Harness(string mode = "wait")
    {
        var harness = new ApplierHarness(new()
        {
            ["Watcher:Nova:MigrationMaxRetries"] = "1000000", ["Watcher:Applier:ConflictingPlans"] = mode,
            ["Watcher:Applier:ConflictRetryInterval"] = "7",
        });
        harness.Cloud.WithHost("node-1").WithHost("node-2").WithHost("node-3").WithHost("node-4")
            .WithServer(Vm1, "node-1").WithServer(Vm2, "node-3").WithServer(Vm3, "node-3");
        return harness;
    }

    private static async Task<Task<ExecutionOutcome>> StartHoldingAsync(ApplierHarness harness, SeededPlan plan)
    {
        harness.Cloud.MigrationsNeverEnd = true;
        var run = harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);
        await ApplierHarness.WaitUntilAsync(async () => (await harness.ActionAsync(plan["move"])).State == ActionStates.Ongoing, "first plan running");
        return run;
    }

    [Fact]
    public async Task APlanSharingAHostWithARunningPlan_WaitsSayingForWhich_ThenRunsOnceItEnded()
    {
        await using var harness = Harness();
        var first = await harness.SeedPlanAsync([new("move", "migrate", Move(Vm1, "node-1", "node-2"))]);
        var second = await harness.SeedPlanAsync([new("move", "migrate", Move(Vm2, "node-3", "node-2"))]);
        var running = await StartHoldingAsync(harness, first);

        await new ActionPlanJob(harness.Executor, harness.Jobs, TimeProvider.System,
            harness.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApplierOptions>>()).ExecuteAsync(second.Uuid, CancellationToken.None);

        var waiting = await harness.PlanAsync(second.Uuid);
        Assert.Equal((ActionPlanStates.Pending, $"Waiting for action plan {first.Uuid} (ONGOING), which acts on the same resources: host node-2."),
            (waiting.State, waiting.StatusMessage));
        Assert.DoesNotContain(harness.Cloud.Calls, c => c.Contains(Vm2));
        var retry = Assert.Single(harness.Jobs.Waiting);   // tried again later, without holding a worker meanwhile
        Assert.InRange((retry.DueUtc!.Value - DateTime.UtcNow).TotalSeconds, 5, 7.5);

        harness.Cloud.MigrationsNeverEnd = false;
        Assert.Equal(ExecutionOutcome.Ran, await running);
        harness.Jobs.Clear();
        await Support.RecordingJobs.RunAsync(harness.Services, retry);

        var done = await harness.PlanAsync(second.Uuid);
        Assert.Equal((ActionPlanStates.Succeeded, (string?)null), (done.State, done.StatusMessage));
        Assert.Equal("node-2", harness.Cloud.Peek(Vm2)!.Host);
    }

    [Fact]
    public async Task PlansOnDisjointResources_RunSideBySide()
    {
        await using var harness = Harness();
        var first = await harness.SeedPlanAsync([new("move", "migrate", Move(Vm1, "node-1", "node-2"))]);
        var other = await harness.SeedPlanAsync([new("move", "migrate", Move(Vm3, "node-3", "node-4"))]);
        harness.Cloud.HoldMigrationsOf.Add(Vm1);
        var running = harness.Executor.RunAsync(first.Uuid, CancellationToken.None);
        await ApplierHarness.WaitUntilAsync(async () => (await harness.ActionAsync(first["move"])).State == ActionStates.Ongoing, "first plan running");

        Assert.Equal(ExecutionOutcome.Ran, await harness.Executor.RunAsync(other.Uuid, CancellationToken.None));
        Assert.Equal(ActionPlanStates.Ongoing, (await harness.PlanAsync(first.Uuid)).State);   // both ran at once
        harness.Cloud.HoldMigrationsOf.Clear();
        await running;

        Assert.Equal(ActionPlanStates.Succeeded, (await harness.PlanAsync(other.Uuid)).State);
        Assert.Equal(ActionPlanStates.Succeeded, (await harness.PlanAsync(first.Uuid)).State);
    }

    [Fact]
    public async Task InRefuseMode_AConflictingPlanIsCancelledSayingWhy_AndTheApiCheckRefusesIt()
    {
        await using var harness = Harness("refuse");
        var first = await harness.SeedPlanAsync([new("move", "migrate", Move(Vm1, "node-1", "node-2"))]);
        var second = await harness.SeedPlanAsync([new("move", "migrate", Move(Vm1, "node-1", "node-3"))], ActionPlanStates.Recommended);
        var third = await harness.SeedPlanAsync([new("move", "migrate", Move(Vm2, "node-3", "node-2"))]);
        var running = await StartHoldingAsync(harness, first);

        await using (var db = harness.NewDb())
        {
            var check = new CheckActionPlanStartHandler(db, harness.Services.GetRequiredService<PlanConflicts>(),
                harness.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ApplierOptions>>());
            Assert.Equal($"Action plan acts on resources of action plan {first.Uuid} (ONGOING): host node-1, server {Vm1}. " +
                "Start it once that plan has finished.", await check.Handle(new CheckActionPlanStart(second.Uuid), CancellationToken.None));
        }
        Assert.Equal(ExecutionOutcome.NotRunnable, await harness.Executor.RunAsync(third.Uuid, CancellationToken.None));

        var refused = await harness.PlanAsync(third.Uuid);
        Assert.Equal(ActionPlanStates.Cancelled, refused.State);
        Assert.Equal($"Action plan was cancelled: Action plan acts on resources of action plan {first.Uuid} (ONGOING): host node-2. " +
            "Start it once that plan has finished.", refused.StatusMessage);
        Assert.Equal(ActionStates.Cancelled, (await harness.ActionAsync(third["move"])).State);
        harness.Cloud.MigrationsNeverEnd = false;
        await running;
    }

    [Fact]
    public async Task Progress_CountsDoneFailedAndLeft_AndNamesWhatRuns()
    {
        await using var harness = Harness();
        var plan = await harness.SeedPlanAsync([
            new("ok", "nop", new JsonObject { ["message"] = "a" }), new("skip", "nop", new JsonObject { ["message"] = "b", ["skip_pre_condition"] = true }),
            new("move", "migrate", Move(Vm1, "node-1", "node-2"), "ok", "skip"), new("later", "nop", new JsonObject { ["message"] = "c" }, "move"),
        ]);
        var running = await StartHoldingAsync(harness, plan);

        ActionPlanProgress progress;
        await using (var db = harness.NewDb())
            progress = await new GetActionPlanProgressHandler(db).Handle(new GetActionPlanProgress(plan.Uuid), CancellationToken.None);

        Assert.Equal((ActionPlanStates.Ongoing, 4, 2, 1, 1, 0, 1, 2), (progress.State, progress.Total, progress.Done, progress.Skipped, progress.Running,
            progress.Failed, progress.Pending, progress.Left));
        Assert.Equal([new RunningAction(plan["move"], "migrate", ActionStates.Ongoing)], progress.RunningActions);
        harness.Cloud.MigrationsNeverEnd = false;
        await running;
        await using (var db = harness.NewDb())
            progress = await new GetActionPlanProgressHandler(db).Handle(new GetActionPlanProgress(plan.Uuid), CancellationToken.None);
        Assert.Equal((ActionPlanStates.Succeeded, 4, 0), (progress.State, progress.Done, progress.Left));
    }
}
