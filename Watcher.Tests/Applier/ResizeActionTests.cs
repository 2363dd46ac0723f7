using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Applier;

public sealed class ResizeActionTests
{
    private const string Vm = "a0000000-0000-4000-8000-000000000001";
    private readonly FakeComputeCloud _cloud = new FakeComputeCloud().WithHost("node-1").WithServer(Vm, "node-1")
        .WithFlavor("2", "m1.small").WithFlavor("3", "m1.medium");
    private readonly ResizeAction _action = new(Options.Create(new NovaOptions { MigrationInterval = 0.001, MigrationMaxRetries = 20 }),
        NullLogger<ResizeAction>.Instance);

    private ActionContext Context(string flavor = "m1.small", string id = Vm) =>
        new(Guid.NewGuid().ToString(), new JsonObject { ["resource_id"] = id, ["flavor"] = flavor }, _cloud, TimeProvider.System);

    [Fact]
    public async Task PreCondition_SkipsAMissingInstance_AndFailsAnUnknownFlavor()
    {
        const string missing = "b0000000-0000-4000-8000-000000000009";
        Assert.Equal($"Instance {missing} not found",
            (await Assert.ThrowsAsync<ActionSkippedException>(() => _action.PreConditionAsync(Context(id: missing)))).Message);
        Assert.Equal("Flavor m1.huge not found",
            (await Assert.ThrowsAsync<ActionFailedException>(() => _action.PreConditionAsync(Context("m1.huge")))).Message);
        await _action.PreConditionAsync(Context("3"));   // by id works too
    }

    [Fact]
    public async Task Execute_ResizesByNameOrId_WaitsForVerifyResize_ThenConfirms()
    {
        Assert.True(await _action.ExecuteAsync(Context("m1.medium")));

        Assert.Equal(("ACTIVE", "active", "m1.medium"), (_cloud.Peek(Vm)!.Status, _cloud.Peek(Vm)!.VmState, _cloud.Peek(Vm)!.FlavorName));
        Assert.Equal(["resize " + Vm + " -> 3", "confirm " + Vm], _cloud.Calls);
    }

    [Fact]
    public async Task Execute_RefusedByTheCloud_OrNeverEnding_Fails()
    {
        _cloud.RefuseMigrations = true;
        Assert.False(await _action.ExecuteAsync(Context()));
        _cloud.RefuseMigrations = false;
        _cloud.MigrationsNeverEnd = true;
        Assert.False(await _action.ExecuteAsync(Context()));
        Assert.DoesNotContain(_cloud.Calls, c => c.StartsWith("confirm"));
    }

    [Fact]
    public async Task Revert_IsNotSupported_AndAbortIsImpossible_AsUpstream()
    {
        Assert.False(await _action.RevertAsync(Context()));
        await Assert.ThrowsAsync<ActionFailedException>(() => _action.AbortAsync(Context()));
    }

    [Fact]
    public async Task Reconcile_AResizeDoneButNotConfirmed_IsConfirmedAndApplied_AnUntouchedServerIsNotApplied()
    {
        Assert.Equal(ReconciledState.NotApplied, (await _action.ReconcileAsync(Context())).State);
        await _cloud.ResizeAsync(Vm, "2");

        var outcome = await _action.ReconcileAsync(Context());

        Assert.Equal(ReconciledState.Applied, outcome.State);
        Assert.Equal(("ACTIVE", "m1.small"), (_cloud.Peek(Vm)!.Status, _cloud.Peek(Vm)!.FlavorName));
        Assert.Equal(1, _cloud.Calls.Count(c => c.StartsWith("resize")));   // never issued again
    }

    [Fact]
    public async Task InAPlan_ResizeSucceeds_AndAnUnknownFlavorFailsInPreCondition()
    {
        await using var harness = new ApplierHarness();
        harness.Cloud.WithHost("node-1").WithServer(Vm, "node-1").WithFlavor("2", "m1.small");
        var plan = await harness.SeedPlanAsync([
            new("ok", "resize", new JsonObject { ["resource_id"] = Vm, ["flavor"] = "m1.small" }),
            new("bad", "resize", new JsonObject { ["resource_id"] = Vm, ["flavor"] = "nope" }, "ok"),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        Assert.Equal(ActionStates.Succeeded, (await harness.ActionAsync(plan["ok"])).State);
        var bad = await harness.ActionAsync(plan["bad"]);
        Assert.Equal((ActionStates.Failed, "Action failed in pre_condition: Flavor nope not found"), (bad.State, bad.StatusMessage));
        Assert.Equal("m1.small", harness.Cloud.Peek(Vm)!.FlavorName);
    }

    [Fact]
    public async Task Schema_RefusesResourceName_AsUpstreamsClosedSchemaDoes()
    {
        await using var harness = new ApplierHarness();
        var plan = await harness.SeedPlanAsync([
            new("named", "resize", new JsonObject { ["resource_id"] = Vm, ["flavor"] = "m1.small", ["resource_name"] = "vm-1" }),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        Assert.StartsWith("Action failed in pre_condition: Invalid input parameters: Additional properties are not allowed",
            (await harness.ActionAsync(plan["named"])).StatusMessage);
    }
}
