using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Applier;

/// <summary>Cancellation at several points of a plan of migrations, and rollback after a failure.</summary>
public sealed class CancelAndRollbackTests
{
    private const string Vm1 = "a0000000-0000-4000-8000-000000000001";
    private const string Vm2 = "a0000000-0000-4000-8000-000000000002";
    private const string Vm3 = "a0000000-0000-4000-8000-000000000003";

    private static readonly Dictionary<string, string?> LongPolls = new() { ["Watcher:Nova:MigrationMaxRetries"] = "1000000" };

    private static JsonObject Move(string vm, string type = "live", string source = "node-1", string destination = "node-2") => new()
    {
        ["resource_id"] = vm, ["migration_type"] = type, ["source_node"] = source, ["destination_node"] = destination,
    };

    private static ApplierHarness Harness(Dictionary<string, string?>? settings = null)
    {
        var harness = new ApplierHarness(settings ?? LongPolls);
        harness.Cloud.WithHost("node-1").WithHost("node-2").WithHost("node-3")
            .WithServer(Vm1, "node-1").WithServer(Vm2, "node-1").WithServer(Vm3, "node-1").WithFlavor("2", "m1.small");
        return harness;
    }

    private static async Task CancelAsync(ApplierHarness harness, string planUuid)
    {
        await using var db = harness.NewDb();
        (await db.ActionPlans.SingleAsync(p => p.Uuid == planUuid)).ChangeState(ActionPlanStates.Cancelling);
        await db.SaveChangesAsync();
    }

    private static Task UntilOngoing(ApplierHarness harness, string actionUuid) =>
        ApplierHarness.WaitUntilAsync(async () => (await harness.ActionAsync(actionUuid)).State == ActionStates.Ongoing, "action ONGOING");

    [Fact]
    public async Task CancelDuringALiveMigration_AbortsIt_TheServerStaysOnItsSource_AndTheRestIsCancelled()
    {
        await using var harness = Harness();
        harness.Cloud.MigrationsNeverEnd = true;
        var plan = await harness.SeedPlanAsync([new("move", "migrate", Move(Vm1)), new("next", "migrate", Move(Vm2), "move")]);

        var run = harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);
        await UntilOngoing(harness, plan["move"]);
        await CancelAsync(harness, plan.Uuid);
        await run;

        Assert.Equal(ActionPlanStates.Cancelled, (await harness.PlanAsync(plan.Uuid)).State);
        Assert.Equal(ActionStates.Cancelled, (await harness.ActionAsync(plan["move"])).State);
        Assert.Equal(ActionStates.Cancelled, (await harness.ActionAsync(plan["next"])).State);
        Assert.Contains($"abort {Vm1}", harness.Cloud.Calls);
        Assert.Equal(("node-1", "ACTIVE"), (harness.Cloud.Peek(Vm1)!.Host, harness.Cloud.Peek(Vm1)!.Status));
        Assert.DoesNotContain(harness.Cloud.Calls, c => c.Contains(Vm2));
    }

    [Fact]
    public async Task CancelDuringAColdMigrationOrAResize_LetsThemFinishWithTheirRealOutcome()
    {
        await using var harness = Harness();
        harness.Cloud.MigrationsNeverEnd = true;
        var plan = await harness.SeedPlanAsync([
            new("cold", "migrate", Move(Vm1, "cold")), new("resize", "resize", new JsonObject { ["resource_id"] = Vm2, ["flavor"] = "m1.small" }),
            new("next", "migrate", Move(Vm3), "cold", "resize"),
        ]);

        var run = harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);
        await UntilOngoing(harness, plan["cold"]);
        await UntilOngoing(harness, plan["resize"]);
        await CancelAsync(harness, plan.Uuid);
        await Task.Delay(200);   // the cancellation is seen, but neither may be cut off
        Assert.False(run.IsCompleted);
        harness.Cloud.MigrationsNeverEnd = false;
        await run;

        Assert.Equal(ActionPlanStates.Cancelled, (await harness.PlanAsync(plan.Uuid)).State);
        Assert.Equal(ActionStates.Succeeded, (await harness.ActionAsync(plan["cold"])).State);
        Assert.Equal(ActionStates.Succeeded, (await harness.ActionAsync(plan["resize"])).State);
        Assert.Equal(ActionStates.Cancelled, (await harness.ActionAsync(plan["next"])).State);
        Assert.Equal(("node-2", "ACTIVE"), (harness.Cloud.Peek(Vm1)!.Host, harness.Cloud.Peek(Vm1)!.Status));   // confirmed
        Assert.DoesNotContain(harness.Cloud.Calls, c => c.StartsWith("abort"));
    }

    [Fact]
    public async Task CancelAfterTheLastActionStarted_NotOverwritten_AndCancelBeforeStart_RunsNothing()
    {
        await using var harness = Harness();
        var first = await harness.SeedPlanAsync([new("move", "migrate", Move(Vm1))]);
        await using (var db = harness.NewDb())
        {
            (await db.ActionPlans.SingleAsync(p => p.Uuid == first.Uuid)).ChangeState(ActionPlanStates.Cancelled);
            await db.SaveChangesAsync();
        }

        await harness.Executor.RunAsync(first.Uuid, CancellationToken.None);

        Assert.Empty(harness.Cloud.Calls);
        Assert.Equal(ActionStates.Cancelled, (await harness.ActionAsync(first["move"])).State);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AFailedMigration_StopsThePlan_TheRestIsCancelled_AndWithRollbackTheDoneOnesGoBackNewestFirst(bool rollback)
    {
        await using var harness = Harness(new(LongPolls) { ["Watcher:Applier:RollbackWhenActionplanFailed"] = rollback.ToString() });
        harness.Cloud.RefuseMigrationsOf.Add(Vm3);
        var plan = await harness.SeedPlanAsync([
            new("one", "migrate", Move(Vm1)), new("two", "migrate", Move(Vm2, destination: "node-3"), "one"),
            new("bad", "migrate", Move(Vm3), "two"), new("after", "migrate", Move(Vm1, source: "node-2", destination: "node-3"), "bad"),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        var bad = await harness.ActionAsync(plan["bad"]);
        Assert.Equal((ActionStates.Failed, $"Action failed in execute: The action {plan["bad"]} execution failed."), (bad.State, bad.StatusMessage));
        var after = await harness.ActionAsync(plan["after"]);
        Assert.Equal((ActionStates.Cancelled, $"Action was cancelled because action {plan["bad"]} failed."), (after.State, after.StatusMessage));
        Assert.Equal(ActionPlanStates.Failed, (await harness.PlanAsync(plan.Uuid)).State);
        var reverted = rollback ? "Action was reverted because the action plan failed." : null;
        foreach (var key in new[] { "one", "two" })
        {
            var done = await harness.ActionAsync(plan[key]);
            Assert.Equal((ActionStates.Succeeded, reverted), (done.State, done.StatusMessage));
        }
        var moves = harness.Cloud.Calls.Where(c => c.StartsWith("live") && !c.Contains(Vm3)).ToList();
        if (rollback)
        {
            Assert.Equal([$"live {Vm1} -> node-2", $"live {Vm2} -> node-3", $"live {Vm2} -> node-1", $"live {Vm1} -> node-1"], moves);
            Assert.Equal(("node-1", "node-1"), (harness.Cloud.Peek(Vm1)!.Host, harness.Cloud.Peek(Vm2)!.Host));
        }
        else Assert.Equal(("node-2", "node-3"), (harness.Cloud.Peek(Vm1)!.Host, harness.Cloud.Peek(Vm2)!.Host));
    }
}
