using System.Text.Json.Nodes;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Applier;

public sealed class VolumeMigrateActionTests
{
    private const string Volume = "c0000000-0000-4000-8000-000000000001";

    [Fact]
    public async Task AValidVolumeMigration_FailsInPreCondition_SayingTheStorageModelIsNotBuiltYet()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([
            new("move", "volume_migrate", new JsonObject
            {
                ["resource_id"] = Volume, ["migration_type"] = "migrate", ["destination_node"] = "host@lvm#pool2", ["resource_name"] = "data",
            }),
            new("badType", "volume_migrate", new JsonObject { ["resource_id"] = Volume, ["migration_type"] = "copy" }),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        var move = await harness.ActionAsync(plan["move"]);
        Assert.Equal((ActionStates.Failed, $"Action failed in pre_condition: {VolumeMigrateAction.NotBuilt}"), (move.State, move.StatusMessage));
        Assert.StartsWith("Action failed in pre_condition: Invalid input parameters:", (await harness.ActionAsync(plan["badType"])).StatusMessage);
        Assert.Empty(harness.Cloud.Calls);
    }

    [Fact]
    public async Task AbortAndRevert_AreNoOps_AsUpstream()
    {
        var action = new VolumeMigrateAction();
        var context = new ActionContext("a", new JsonObject { ["resource_id"] = Volume, ["migration_type"] = "retype" }, new FakeComputeCloud(), TimeProvider.System);
        Assert.False(await action.AbortAsync(context));
        Assert.False(await action.RevertAsync(context));
        Assert.Equal(["volume:" + Volume], action.TouchedResources(context.Parameters));
    }
}
