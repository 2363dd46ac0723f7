using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Applier;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;

namespace Watcher.Tests.Applier;

public sealed class ActionPlanRunnerTests
{
    private static JsonObject Nop() => new() { ["message"] = "hello" };

    private static async Task SetPlanCancellingAsync(ApplierHarness harness, string planUuid)
    {
        await using var db = harness.NewDb();
        var plan = await db.ActionPlans.SingleAsync(p => p.Uuid == planUuid);
        plan.ChangeState(ActionPlanStates.Cancelling);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task PlanSetCancellingWhileASleepRuns_EndsCancelled_WithTheSleepAbortedAndPendingActionsCancelled()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([
            new("sleep", "sleep", new JsonObject { ["duration"] = 3600 }),
            new("after", "nop", Nop(), "sleep"),
        ]);

        var run = harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);
        await ApplierHarness.WaitUntilAsync(async () => (await harness.ActionAsync(plan["sleep"])).State == ActionStates.Ongoing, "sleep ONGOING");
        await SetPlanCancellingAsync(harness, plan.Uuid);
        await run;

        Assert.Equal(ActionPlanStates.Cancelled, (await harness.PlanAsync(plan.Uuid)).State);
        Assert.Equal(ActionStates.Cancelled, (await harness.ActionAsync(plan["sleep"])).State);
        Assert.Equal(ActionStates.Cancelled, (await harness.ActionAsync(plan["after"])).State);
    }

    [Fact]
    public async Task PlanSetCancellingWhileItsLastActionRuns_StaysCancelled_NotOverwrittenBySucceeded()
    {
        var gate = new GateAction();
        await using var harness = new ApplierHarness(extra: s => s.AddSingleton<IAction>(gate));
        var plan = await harness.SeedPlanAsync([new("gate", GateAction.PluginName, new JsonObject())]);

        var run = harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);
        await ApplierHarness.WaitUntilAsync(async () => (await harness.ActionAsync(plan["gate"])).State == ActionStates.Ongoing, "gate ONGOING");
        await SetPlanCancellingAsync(harness, plan.Uuid);
        gate.Gate.SetResult(); // the action completes anyway
        await run;

        Assert.Equal(ActionStates.Succeeded, (await harness.ActionAsync(plan["gate"])).State);
        Assert.Equal(ActionPlanStates.Cancelled, (await harness.PlanAsync(plan.Uuid)).State);
    }

    [Fact]
    public async Task PlanAlreadyCancelled_IsNotRun_AndItsPendingActionsAreCancelled()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([new("a", "nop", Nop())]);
        await using (var db = harness.NewDb())
        {
            var row = await db.ActionPlans.SingleAsync(p => p.Uuid == plan.Uuid);
            row.ChangeState(ActionPlanStates.Cancelled);
            await db.SaveChangesAsync();
        }

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        Assert.Equal(ActionPlanStates.Cancelled, (await harness.PlanAsync(plan.Uuid)).State);
        Assert.Equal(ActionStates.Cancelled, (await harness.ActionAsync(plan["a"])).State);
        Assert.Empty(harness.Mediator.Published);
    }

    [Fact]
    public async Task LaunchActionPlan_QueuesAJob_ThatExecutesThePlan()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([new("a", "nop", Nop()), new("b", "nop", Nop(), "a")]);
        // In the host the mediator's assembly scan registers this handler; here it is built by hand.
        await new LaunchActionPlanHandler(harness.Jobs).Handle(new LaunchActionPlan(plan.Uuid), CancellationToken.None);

        Assert.Equal([$"ExecuteAsync({plan.Uuid})"], await harness.RunQueuedJobsAsync());

        var done = await harness.PlanAsync(plan.Uuid);
        Assert.Equal((ActionPlanStates.Succeeded, ApplierHarness.Host), (done.State, done.Hostname));
        Assert.All(done.Actions, a => Assert.Equal(ActionStates.Succeeded, a.State));
    }

    [Fact]
    public async Task OngoingPlansOfADeadProcess_AreCancelledWithUpstreamMessages_OnesOfLiveProcessesAreNot()
    {
        await using var harness = new ApplierHarness();
        var now = DateTime.UtcNow;
        await using (var db = harness.NewDb())
        {
            db.Processes.Add(new WatcherProcess { InstanceId = "dead", Host = "old-host", StartedAt = now.AddHours(-1), LastSeenUp = now.AddMinutes(-10) });
            db.Processes.Add(new WatcherProcess { InstanceId = "alive", Host = "other-host", StartedAt = now.AddHours(-1), LastSeenUp = now });
            await db.SaveChangesAsync();
        }
        var mine = await harness.SeedPlanAsync([new("done", "nop", Nop()), new("running", "nop", Nop()), new("waiting", "nop", Nop())],
            ActionPlanStates.Ongoing, "old-host", claimedBy: "dead");
        var other = await harness.SeedPlanAsync([new("a", "nop", Nop())], ActionPlanStates.Ongoing, "other-host", claimedBy: "alive");
        await using (var db = harness.NewDb())
        {
            var actions = await db.Actions.Where(a => a.ActionPlan.Uuid == mine.Uuid).ToListAsync();
            actions.Single(a => a.Uuid == mine["done"]).Begin();
            actions.Single(a => a.Uuid == mine["done"]).Succeed();
            actions.Single(a => a.Uuid == mine["running"]).Begin();
            await db.SaveChangesAsync();
        }

        await using (var db = harness.NewDb())
            await new OrphanedPlanRecovery(db, harness.Services.GetRequiredService<ProcessIdentity>(),
                    Microsoft.Extensions.Options.Options.Create(new ServiceHeartbeatOptions()), harness.Jobs,
                    harness.Services.GetRequiredService<ActivePlans>(),
                    Microsoft.Extensions.Logging.Abstractions.NullLogger<OrphanedPlanRecovery>.Instance)
                .Handle(new RecoverOrphanedWork(), CancellationToken.None);
        // An action was running: the plan is taken over by this process, and a job asks the cloud what it did.
        var taken = await harness.PlanAsync(mine.Uuid);
        Assert.Equal((ActionPlanStates.Ongoing, harness.Services.GetRequiredService<ProcessIdentity>().InstanceId), (taken.State, taken.ClaimedBy));
        await harness.RunQueuedJobsAsync();

        var plan = await harness.PlanAsync(mine.Uuid);
        Assert.Equal(ActionPlanStates.Cancelled, plan.State);
        Assert.Equal("Action plan was cancelled because Applier old-host was stopped while the action plan was ongoing.", plan.StatusMessage);
        var actionMessage = "Action was cancelled because Applier old-host was stopped while the action plan was ongoing.";
        Assert.Equal((ActionStates.Cancelled, actionMessage), Pair(await harness.ActionAsync(mine["running"])));
        Assert.Equal((ActionStates.Cancelled, actionMessage), Pair(await harness.ActionAsync(mine["waiting"])));
        Assert.Equal((ActionStates.Succeeded, (string?)null), Pair(await harness.ActionAsync(mine["done"])));
        Assert.Equal(ActionPlanStates.Ongoing, (await harness.PlanAsync(other.Uuid)).State);
    }

    private static (string, string?) Pair(WatcherAction a) => (a.State, a.StatusMessage);

    [Fact]
    public async Task StartUp_SyncsOneDescriptionPerActionType_AndUpdatesChangedText()
    {
        await using var harness = new ApplierHarness();
        await using (var db = harness.NewDb())
        {
            db.ActionDescriptions.Add(new ActionDescription { ActionType = "nop", Description = "old text" });
            await db.SaveChangesAsync();
        }

        await harness.Services.GetRequiredService<ApplierStartup>().RunAsync(CancellationToken.None);

        await using var check = harness.NewDb();
        var rows = await check.ActionDescriptions.OrderBy(d => d.ActionType).ToDictionaryAsync(d => d.ActionType, d => d.Description);
        Assert.Equal(new Dictionary<string, string>
        {
            ["change_node_power_state"] = "Compute node power on/off through Ironic or MaaS.",
            ["change_nova_service_state"] = "Disables or enables the nova-compute service.A disabled nova-compute service can not be selected by the nova for future deployment of new server.",
            ["migrate"] = "Moving a VM instance from source_node to destination_node",
            ["nop"] = "Logging a NOP message",
            ["resize"] = "Resize a server with specified flavor.",
            ["sleep"] = "Wait for a given interval in seconds.",
            ["stop"] = "Stop a VM instance",
            ["volume_migrate"] = "Moving a volume to destination_node or destination_type",
        }, rows);
    }

    [Fact]
    public async Task StartUp_RelaunchesPlansLeftPending()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([new("a", "nop", Nop())]);
        var recommended = await harness.SeedPlanAsync([new("a", "nop", Nop())], ActionPlanStates.Recommended);

        await harness.Services.GetRequiredService<ApplierStartup>().RunAsync(CancellationToken.None);
        await harness.RunQueuedJobsAsync();

        Assert.Equal(ActionPlanStates.Succeeded, (await harness.PlanAsync(plan.Uuid)).State);
        Assert.Equal(ActionPlanStates.Recommended, (await harness.PlanAsync(recommended.Uuid)).State);
    }
}
