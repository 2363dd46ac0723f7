using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Applier;

public sealed class NodePowerActionTests
{
    private const string Vm = "a0000000-0000-4000-8000-000000000001";
    private readonly FakeComputeCloud _cloud = new FakeComputeCloud()
        .WithHost("node-1").WithHost("node-2").WithServer(Vm, "node-1").WithNode("bm-1", "node-1").WithNode("bm-2", "node-2");
    private readonly ChangeNodePowerStateAction _action;

    public NodePowerActionTests() =>
        _action = new(_cloud, Options.Create(new ActionPollingOptions { NodePowerInterval = 0.001, NodePowerMaxRetries = 20 }),
            NullLogger<ChangeNodePowerStateAction>.Instance);

    private ActionContext Context(string node, string state) =>
        new(Guid.NewGuid().ToString(), new JsonObject { ["resource_id"] = node, ["state"] = state }, _cloud, TimeProvider.System);

    [Fact]
    public async Task PowerOff_OfAnEmptyHost_WaitsForTheNewState_AndRevertPowersItOn()
    {
        Assert.True(await _action.ExecuteAsync(Context("bm-2", "off")));
        Assert.Equal("off", (await _cloud.GetNodePowerAsync("bm-2"))!.PowerState);

        Assert.True(await _action.RevertAsync(Context("bm-2", "off")));
        Assert.Equal("on", (await _cloud.GetNodePowerAsync("bm-2"))!.PowerState);
    }

    [Fact]
    public async Task PowerOff_OfAHostStillRunningServers_IsRefused_AndNothingIsAsked()
    {
        Assert.False(await _action.ExecuteAsync(Context("bm-1", "off")));
        Assert.DoesNotContain(_cloud.Calls, c => c.StartsWith("power"));
    }

    [Fact]
    public async Task ANodeAlreadyInTheState_Succeeds_AnUnknownNodeFails_AndANeverEndingChangeFails()
    {
        Assert.True(await _action.ExecuteAsync(Context("bm-1", "on")));
        Assert.Equal("Node nope not found", (await Assert.ThrowsAsync<ActionFailedException>(() => _action.ExecuteAsync(Context("nope", "on")))).Message);
        _cloud.MigrationsNeverEnd = true;
        Assert.False(await _action.ExecuteAsync(Context("bm-2", "off")));
        Assert.Empty(_cloud.Calls.Where(c => c == "power on bm-1"));
    }

    [Fact]
    public async Task Abort_IsImpossible_AndReconcileReadsThePowerState()
    {
        await Assert.ThrowsAsync<ActionFailedException>(() => _action.AbortAsync(Context("bm-2", "off")));
        Assert.Equal(ReconciledState.NotApplied, (await _action.ReconcileAsync(Context("bm-2", "off"))).State);
        await _cloud.SetNodePowerAsync("bm-2", on: false);
        Assert.Equal(ReconciledState.Applied, (await _action.ReconcileAsync(Context("bm-2", "off"))).State);
    }

    [Fact]
    public async Task InAPlan_AnInvalidStateFailsValidation_AndAPowerOffSucceeds()
    {
        await using var harness = new ApplierHarness();
        harness.Cloud.WithHost("node-2").WithNode("bm-2", "node-2");
        var plan = await harness.SeedPlanAsync([
            new("off", "change_node_power_state", new JsonObject { ["resource_id"] = "bm-2", ["state"] = "off", ["resource_name"] = "node-2" }),
            new("bad", "change_node_power_state", new JsonObject { ["resource_id"] = "bm-2", ["state"] = "standby" }),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        Assert.Equal(ActionStates.Succeeded, (await harness.ActionAsync(plan["off"])).State);
        var bad = await harness.ActionAsync(plan["bad"]);
        Assert.Equal(ActionStates.Failed, bad.State);
        Assert.StartsWith("Action failed in pre_condition: Invalid input parameters:", bad.StatusMessage);
    }
}
