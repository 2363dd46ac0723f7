using Watcher.Modules.Applier;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Cloud;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Applier;

public sealed class ChangeNovaServiceStateActionTests
{
    private readonly FakeComputeCloud _cloud = new FakeComputeCloud().WithHost("node-1").WithHost("node-2", status: "disabled");
    private readonly ChangeNovaServiceStateAction _action = new();

    private ActionContext Context(string state, string? host = "node-1", string? reason = null)
    {
        var p = new JsonObject { ["resource_id"] = "node-uuid", ["state"] = state };
        if (host is not null) p["resource_name"] = host;
        if (reason is not null) p["disabled_reason"] = reason;
        return new ActionContext(Guid.NewGuid().ToString(), p, _cloud, TimeProvider.System);
    }

    [Fact]
    public async Task PreCondition_SkipsWhenTheHostHasNoComputeService()
    {
        var e = await Assert.ThrowsAsync<ActionSkippedException>(() => _action.PreConditionAsync(Context("disabled", "node-9")));
        Assert.Equal("nova-compute service node-9 not found", e.Message);
    }

    [Fact]
    public async Task PreCondition_WithoutResourceName_Skips()
    {
        var e = await Assert.ThrowsAsync<ActionSkippedException>(() => _action.PreConditionAsync(Context("disabled", host: null)));
        Assert.Equal("nova-compute service None not found", e.Message);
    }

    [Fact]
    public async Task PreCondition_SkipsWhenTheServiceIsAlreadyInTheState()
    {
        var e = await Assert.ThrowsAsync<ActionSkippedException>(() => _action.PreConditionAsync(Context("disabled", "node-2")));
        Assert.Equal("nova-compute service node-2 is already in state disabled", e.Message);
    }

    [Fact]
    public async Task Execute_DisablesTheServiceWithItsReason_AndRevertEnablesIt()
    {
        Assert.True(await _action.ExecuteAsync(Context("disabled", reason: "watcher_disabled")));
        Assert.Equal(("disabled", "watcher_disabled"), (_cloud.Service("node-1").Status, _cloud.Service("node-1").DisabledReason));

        Assert.True(await _action.RevertAsync(Context("disabled")));
        Assert.Equal("enabled", _cloud.Service("node-1").Status);
    }

    [Fact]
    public async Task Execute_Fails_WhenTheServiceDoesNotEndInTheState_OrTheCloudNoLongerKnowsIt()
    {
        _cloud.IgnoreServiceChanges = true;
        Assert.False(await _action.ExecuteAsync(Context("disabled")));
        Assert.Equal(ReconciledState.NotApplied, (await _action.ReconcileAsync(Context("disabled"))).State);

        await Assert.ThrowsAsync<CloudException>(() => _action.ExecuteAsync(Context("disabled", "node-9")));
    }

    [Fact]
    public async Task Execute_WithStateUpOrDown_IsAnError()
    {
        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _action.ExecuteAsync(Context("down")));
        Assert.Equal("The target state is not defined", e.Message);
    }

    [Fact]
    public async Task InAPlan_StateDown_FailsInExecute()
    {
        await using var harness = new ApplierHarness();
        harness.Cloud.WithHost("node-1");
        var plan = await harness.SeedPlanAsync([
            new("down", "change_nova_service_state", new JsonObject { ["resource_id"] = "x", ["resource_name"] = "node-1", ["state"] = "down" }),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        var action = await harness.ActionAsync(plan["down"]);
        Assert.Equal((ActionStates.Failed, "Action failed in execute: The target state is not defined"), (action.State, action.StatusMessage));
    }
}

public sealed class StopActionTests
{
    private const string Vm = "a0000000-0000-4000-8000-000000000001";
    private readonly FakeComputeCloud _cloud = new FakeComputeCloud().WithHost("node-1").WithServer(Vm, "node-1");
    private readonly StopAction _action = new(Microsoft.Extensions.Options.Options.Create(new ActionPollingOptions { StopInterval = 0.001 }),
        NullLogger<StopAction>.Instance);

    private ActionContext Context(string id = Vm) =>
        new(Guid.NewGuid().ToString(), new JsonObject { ["resource_id"] = id }, _cloud, TimeProvider.System);

    [Fact]
    public async Task PreCondition_SkipsAMissingInstance()
    {
        const string missing = "b0000000-0000-4000-8000-000000000009";
        var e = await Assert.ThrowsAsync<ActionSkippedException>(() => _action.PreConditionAsync(Context(missing)));
        Assert.Equal($"Instance {missing} not found", e.Message);
    }

    [Fact]
    public async Task PreCondition_SkipsAnInstanceAlreadyStopped()
    {
        _cloud.WithServer(Vm, "node-1", status: "SHUTOFF");
        var e = await Assert.ThrowsAsync<ActionSkippedException>(() => _action.PreConditionAsync(Context()));
        Assert.Equal($"Instance {Vm} is already stopped", e.Message);
    }

    [Fact]
    public async Task Execute_StopsTheServer_AbortReportsNotAborted_RevertStartsIt()
    {
        Assert.True(await _action.ExecuteAsync(Context()));
        Assert.Equal("stopped", _cloud.Peek(Vm)!.VmState);
        Assert.False(await _action.AbortAsync(Context()));
        Assert.True(await _action.RevertAsync(Context()));
        Assert.Equal("active", _cloud.Peek(Vm)!.VmState);
    }

    [Fact]
    public async Task Execute_RefusedByTheCloud_Fails_AndReconcileReadsWhetherTheServerStopped()
    {
        _cloud.RefuseStops = true;
        Assert.False(await _action.ExecuteAsync(Context()));
        Assert.Equal(ReconciledState.NotApplied, (await _action.ReconcileAsync(Context())).State);
        _cloud.RefuseStops = false;
        Assert.True(await _action.ExecuteAsync(Context()));
        Assert.Equal(ReconciledState.Applied, (await _action.ReconcileAsync(Context())).State);
    }
}
