using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;

namespace Watcher.Tests.Applier;

/// <summary>
/// A plan whose process died while actions ran: a live process takes it over, reads from the cloud what each
/// interrupted action did — without issuing any of them again — and ends the plan CANCELLED (§9.7).
/// </summary>
public sealed class CrashRecoveryTests
{
    private const string Vm1 = "a0000000-0000-4000-8000-000000000001";
    private const string Vm2 = "a0000000-0000-4000-8000-000000000002";
    private const string Vm3 = "a0000000-0000-4000-8000-000000000003";
    private const string Vm4 = "a0000000-0000-4000-8000-000000000004";
    private const string Vm5 = "a0000000-0000-4000-8000-000000000005";

    private static JsonObject Move(string vm, string type = "live") => new()
    {
        ["resource_id"] = vm, ["migration_type"] = type, ["source_node"] = "node-1", ["destination_node"] = "node-2",
    };

    private static async Task RecoverAsync(ApplierHarness harness)
    {
        await using (var db = harness.NewDb())
            await new OrphanedPlanRecovery(db, harness.Services.GetRequiredService<ProcessIdentity>(),
                    Options.Create(new ServiceHeartbeatOptions()), harness.Jobs, harness.Services.GetRequiredService<ActivePlans>(),
                    NullLogger<OrphanedPlanRecovery>.Instance)
                .Handle(new RecoverOrphanedWork(), CancellationToken.None);
        await harness.RunQueuedJobsAsync();
    }

    private static async Task<ApplierHarness> DeadProcessPlanAsync(List<PlannedStep> steps, params string[] ongoing)
    {
        var harness = new ApplierHarness();
        await using (var db = harness.NewDb())
        {
            var longAgo = DateTime.UtcNow.AddMinutes(-10);
            db.Processes.Add(new WatcherProcess { InstanceId = "dead", Host = "old-host", StartedAt = longAgo, LastSeenUp = longAgo });
            await db.SaveChangesAsync();
        }
        var plan = await harness.SeedPlanAsync(steps, ActionPlanStates.Ongoing, "old-host", claimedBy: "dead");
        await using (var db = harness.NewDb())
        {
            foreach (var key in ongoing) (await db.Actions.SingleAsync(a => a.Uuid == plan[key])).Begin();
            await db.SaveChangesAsync();
        }
        harness.Plan = plan;
        return harness;
    }

    [Fact]
    public async Task InterruptedActions_EndAsTheCloudShows_AndNoMigrationIsIssuedTwice()
    {
        await using var harness = await DeadProcessPlanAsync([
            new("done", "migrate", Move(Vm1)), new("neverIssued", "migrate", Move(Vm2)), new("inFlight", "migrate", Move(Vm3)),
            new("unconfirmed", "migrate", Move(Vm4, "cold")), new("erred", "migrate", Move(Vm5)),
            new("nop", "nop", new JsonObject { ["message"] = "x" }), new("waiting", "nop", new JsonObject { ["message"] = "y" }, "nop"),
        ], "done", "neverIssued", "inFlight", "unconfirmed", "erred", "nop");
        var cloud = harness.Cloud.WithHost("node-1").WithHost("node-2")
            .WithServer(Vm1, "node-2").WithServer(Vm2, "node-1").WithServer(Vm3, "node-1").WithServer(Vm4, "node-1").WithServer(Vm5, "node-1", "ERROR");
        await cloud.LiveMigrateAsync(Vm3, "node-2");           // the dead process had issued these two
        await cloud.ColdMigrateAsync(Vm4, "node-2");
        for (var i = 0; i < 2; i++) await cloud.GetServerAsync(Vm4);   // ... and the cold one completed (VERIFY_RESIZE)
        var issued = cloud.Calls.Count;

        await RecoverAsync(harness);

        var plan = await harness.PlanAsync(harness.Plan!.Uuid);
        var stopped = "Applier old-host was stopped while the action plan was ongoing";
        Assert.Equal((ActionPlanStates.Cancelled, $"Action plan was cancelled because {stopped}."), (plan.State, plan.StatusMessage));
        async Task<(string, string?)> Of(string key) { var a = await harness.ActionAsync(harness.Plan![key]); return (a.State, a.StatusMessage); }
        Assert.Equal((ActionStates.Succeeded, $"Action completed although {stopped}: instance {Vm1} is on node-2."), await Of("done"));
        Assert.Equal((ActionStates.Cancelled, $"Action was cancelled because {stopped}."), await Of("neverIssued"));
        Assert.Equal((ActionStates.Succeeded, $"Action completed although {stopped}: instance {Vm3} is on node-2."), await Of("inFlight"));
        Assert.Equal((ActionStates.Succeeded, $"Action completed although {stopped}: instance {Vm4} is on node-2."), await Of("unconfirmed"));
        Assert.Equal((ActionStates.Failed, $"Action failed in execute: instance {Vm5} is in ERROR on node-1 ({stopped})."), await Of("erred"));
        Assert.Equal((ActionStates.Cancelled, $"Action was cancelled because {stopped}."), await Of("nop"));
        Assert.Equal((ActionStates.Cancelled, $"Action was cancelled because {stopped}."), await Of("waiting"));
        Assert.Equal([$"confirm {Vm4}"], cloud.Calls.Skip(issued));   // nothing issued again, only the pending confirmation
        Assert.Equal(("node-2", "ACTIVE"), (cloud.Peek(Vm4)!.Host, cloud.Peek(Vm4)!.Status));
    }

    [Fact]
    public async Task APlanTakenOverByALiveProcessWhoseJobFailed_IsTakenUpAgain_NotLeftOngoing()
    {
        await using var harness = await DeadProcessPlanAsync([new("move", "migrate", Move(Vm1))], "move");
        harness.Cloud.WithHost("node-1").WithHost("node-2").WithServer(Vm1, "node-1");
        await using (var db = harness.NewDb())
            await new OrphanedPlanRecovery(db, harness.Services.GetRequiredService<ProcessIdentity>(),
                    Options.Create(new ServiceHeartbeatOptions()), harness.Jobs, harness.Services.GetRequiredService<ActivePlans>(),
                    NullLogger<OrphanedPlanRecovery>.Instance)
                .Handle(new RecoverOrphanedWork(), CancellationToken.None);
        harness.Jobs.Clear();   // the job is lost (or threw): the plan is ours, ONGOING, and nobody works on it
        await using (var db = harness.NewDb())
        {
            // ... for longer than a liveness period
            await db.ActionPlans.Where(p => p.Uuid == harness.Plan!.Uuid).ExecuteUpdateAsync(u => u.SetProperty(p => p.UpdatedAt, DateTime.UtcNow.AddMinutes(-10)));
        }

        await RecoverAsync(harness);

        Assert.Equal(ActionPlanStates.Cancelled, (await harness.PlanAsync(harness.Plan!.Uuid)).State);
        Assert.Equal(ActionStates.Cancelled, (await harness.ActionAsync(harness.Plan!["move"])).State);
    }
}
