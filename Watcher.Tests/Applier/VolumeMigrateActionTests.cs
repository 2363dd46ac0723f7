using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.Cloud.Simulator.Storage;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Persistence.Entities;
using Watcher.Tests.Support;

namespace Watcher.Tests.Applier;

/// <summary>volume_migrate against the embedded Nova and Cinder on Scenarios/sim_storage.json (moves take 0.05 s).</summary>
public sealed class VolumeMigrateActionTests
{
    private const string Vol1 = "d0000000-0000-4000-8000-000000000001";   // 20 GB, untyped, detached, st-a
    private const string Vol2 = "d0000000-0000-4000-8000-000000000002";   // 30 GB, type lvm, attached to vm-1 (active), st-a
    private const string Vm1 = "5e000000-0000-4000-8000-000000000001";
    private readonly StorageSimulatorOptions _options = new() { VolumeMigrationSeconds = 0.05, VolumeRetypeSeconds = 0.05 };
    private readonly SimulatedCloud _compute;
    private readonly SimulatedBlockStorage _storage;
    private readonly VolumeMigrateAction _action;

    public VolumeMigrateActionTests()
    {
        var scenario = Scenario.Load(TestPaths.TestScenario("sim_storage.json"));
        _compute = new SimulatedCloud(scenario, new SimulatorOptions(), TimeProvider.System);
        _storage = new SimulatedBlockStorage(scenario, _options, TimeProvider.System);
        _action = new VolumeMigrateAction(_storage, Options.Create(new ActionPollingOptions { VolumeInterval = 0.01, VolumeMaxRetries = 500 }),
            NullLogger<VolumeMigrateAction>.Instance);
    }

    private ActionContext Context(string volume, string type, string? node = null, string? destinationType = null)
    {
        var parameters = new JsonObject { ["resource_id"] = volume, ["migration_type"] = type };
        if (node is not null) parameters["destination_node"] = node;
        if (destinationType is not null) parameters["destination_type"] = destinationType;
        return new ActionContext(Guid.NewGuid().ToString(), parameters, _compute, TimeProvider.System);
    }

    [Fact]
    public async Task Migrate_ADetachedVolume_WaitsForCinder_AndEndsOnTheDestination()
    {
        var context = Context(Vol1, "migrate", "st-c@thin#p0");
        await _action.PreConditionAsync(context);
        Assert.True(await _action.ExecuteAsync(context));
        var volume = (await _storage.GetVolumeAsync(Vol1))!;
        Assert.Equal(("st-c@thin#p0", "success", "available"), (volume.Host, volume.MigrationStatus, volume.Status));
        Assert.Equal(ReconciledState.Applied, (await _action.ReconcileAsync(context)).State);
    }

    [Fact]
    public async Task Swap_IsMigrate_ForAnAttachedVolumeOfAnActiveServer()
    {
        // vol-2's type names the lvm backend: only another lvm pool may take it; retype is the way to lvm2.
        Assert.False(await _action.ExecuteAsync(Context(Vol2, "swap", "st-b@lvm2#p0")));
        Assert.Null((await _storage.GetVolumeAsync(Vol2))!.MigrationStatus);

        Assert.True(await _action.ExecuteAsync(Context(Vol2, "retype", destinationType: "lvm2")));
        var volume = (await _storage.GetVolumeAsync(Vol2))!;
        Assert.Equal(("st-b@lvm2#p0", "lvm2", "in-use"), (volume.Host, volume.VolumeType, volume.Status));
    }

    [Fact]
    public async Task AnAttachedVolume_MovesOnlyWhileItsServerIsActiveOrPaused()
    {
        // A type without a backend lets vol-2 go to any pool; the server's state is then the only obstacle.
        Assert.True(await _action.ExecuteAsync(Context(Vol2, "retype", destinationType: "any")));
        await _compute.StopServerAsync(Vm1);
        Assert.False(await _action.ExecuteAsync(Context(Vol2, "migrate", "st-c@thin#p0")));
        Assert.Equal("st-a@lvm#p0", (await _storage.GetVolumeAsync(Vol2))!.Host);

        await _compute.StartServerAsync(Vm1);
        Assert.True(await _action.ExecuteAsync(Context(Vol2, "migrate", "st-c@thin#p0")));
        Assert.Equal(("st-c@thin#p0", "in-use"), ((await _storage.GetVolumeAsync(Vol2))!.Host, (await _storage.GetVolumeAsync(Vol2))!.Status));
    }

    [Fact]
    public async Task PreConditions_SkipWhatIsDone_AndFailOnUnknownTypesAndPools()
    {
        async Task<string> Skipped(ActionContext c) => (await Assert.ThrowsAsync<ActionSkippedException>(() => _action.PreConditionAsync(c))).Message;
        async Task<string> Failed(ActionContext c) => (await Assert.ThrowsAsync<ActionFailedException>(() => _action.PreConditionAsync(c))).Message;

        Assert.Equal("Volume d0000000-0000-4000-8000-0000000000ff not found", await Skipped(Context("d0000000-0000-4000-8000-0000000000ff", "migrate", "st-c@thin#p0")));
        Assert.Equal("Volume is already on node st-a@lvm#p0", await Skipped(Context(Vol1, "migrate", "st-a@lvm#p0")));
        Assert.Equal("Volume type is already lvm", await Skipped(Context(Vol2, "retype", destinationType: "lvm")));
        Assert.Equal("Volume type gold not found", await Failed(Context(Vol2, "retype", destinationType: "gold")));
        Assert.Equal("Pool nowhere@x#y not found", await Failed(Context(Vol1, "migrate", "nowhere@x#y")));
    }

    [Fact]
    public async Task AMoveCinderFails_IsAFailedAction_AndReconcileSaysSo()
    {
        _options.FailVolumeOperationsOf.Add("vol-1");
        var context = Context(Vol1, "migrate", "st-c@thin#p0");
        Assert.False(await _action.ExecuteAsync(context));
        Assert.Equal(("st-a@lvm#p0", "error"), ((await _storage.GetVolumeAsync(Vol1))!.Host, (await _storage.GetVolumeAsync(Vol1))!.MigrationStatus));
        Assert.Equal(ReconciledState.Failed, (await _action.ReconcileAsync(context)).State);
    }

    [Fact]
    public async Task AbortAndRevert_AreNoOps_AsUpstream()
    {
        var context = Context(Vol1, "retype", destinationType: "lvm2");
        Assert.False(await _action.AbortAsync(context));
        Assert.False(await _action.RevertAsync(context));
        Assert.False(_action.CanAbort(context.Parameters));
        Assert.Equal(["volume:" + Vol1, "pool:st-c@thin#p0"], _action.TouchedResources(Context(Vol1, "migrate", "st-c@thin#p0").Parameters));
    }

    [Fact]
    public async Task InAPlan_AValidMigrationSucceeds_AndBadInputFailsValidation()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([
            new("move", "volume_migrate", new JsonObject
            {
                ["resource_id"] = Vol1, ["migration_type"] = "migrate", ["destination_node"] = "st-c@thin#p0", ["resource_name"] = "vol-1",
            }),
            new("badType", "volume_migrate", new JsonObject { ["resource_id"] = Vol1, ["migration_type"] = "copy" }),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        Assert.Equal(ActionStates.Succeeded, (await harness.ActionAsync(plan["move"])).State);
        Assert.Equal("st-c@thin#p0", (await harness.Storage.GetVolumeAsync(Vol1))!.Host);
        Assert.StartsWith("Action failed in pre_condition: Invalid input parameters:", (await harness.ActionAsync(plan["badType"])).StatusMessage);
    }
}
