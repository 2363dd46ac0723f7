using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Applier;

public sealed class MigrateActionTests
{
    private const string Vm = "a0000000-0000-4000-8000-000000000001";
    private readonly FakeComputeCloud _cloud = new FakeComputeCloud()
        .WithHost("node-1").WithHost("node-2").WithHost("node-3", status: "disabled").WithServer(Vm, "node-1");
    private readonly MigrateAction _action = new(Options.Create(new NovaOptions { MigrationInterval = 0.001, MigrationMaxRetries = 20 }),
        NullLogger<MigrateAction>.Instance);

    private ActionContext Context(string type = "live", string source = "node-1", string? destination = "node-2", string id = Vm)
    {
        var p = new JsonObject { ["resource_id"] = id, ["migration_type"] = type, ["source_node"] = source };
        if (destination is not null) p["destination_node"] = destination;
        return new ActionContext(Guid.NewGuid().ToString(), p, _cloud, TimeProvider.System);
    }

    [Fact]
    public async Task PreCondition_SkipsWhenTheInstanceDoesNotExist()
    {
        const string missing = "b0000000-0000-4000-8000-000000000009";
        var e = await Assert.ThrowsAsync<ActionSkippedException>(() => _action.PreConditionAsync(Context(id: missing)));
        Assert.Equal($"Instance {missing} not found", e.Message);
    }

    [Fact]
    public async Task PreCondition_SkipsWhenTheInstanceIsNotOnTheSourceNode()
    {
        var e = await Assert.ThrowsAsync<ActionSkippedException>(() => _action.PreConditionAsync(Context(source: "node-2", destination: "node-1")));
        Assert.Equal($"Instance {Vm} is not running on source node node-2 (currently on node-1)", e.Message);
    }

    [Fact]
    public async Task PreCondition_FailsWhenTheDestinationIsUnknown()
    {
        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _action.PreConditionAsync(Context(destination: "node-9")));
        Assert.Equal("Destination node node-9 not found", e.Message);
    }

    [Fact]
    public async Task PreCondition_FailsWhenTheDestinationServiceIsDisabled()
    {
        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _action.PreConditionAsync(Context(destination: "node-3")));
        Assert.Equal("Destination node node-3 is not in enabled state", e.Message);
    }

    [Fact]
    public async Task PreCondition_FailsALiveMigrationOfAnInstanceThatIsNotActive()
    {
        _cloud.WithServer(Vm, "node-1", status: "SHUTOFF");
        var e = await Assert.ThrowsAsync<ActionFailedException>(() => _action.PreConditionAsync(Context()));
        Assert.Equal($"Live migration requires instance {Vm} to be in ACTIVE status (current status: SHUTOFF)", e.Message);
        await _action.PreConditionAsync(Context(type: "cold")); // a cold migration of a stopped server is fine
    }

    [Fact]
    public async Task LiveMigration_ToADestination_SucceedsOnceTheServerIsThere()
    {
        Assert.True(await _action.ExecuteAsync(Context()));
        Assert.Equal(("node-2", "ACTIVE"), (_cloud.Peek(Vm)!.Host, _cloud.Peek(Vm)!.Status));
    }

    [Fact]
    public async Task LiveMigration_WithoutDestination_SucceedsWhenTheSchedulerMovedTheServer()
    {
        Assert.True(await _action.ExecuteAsync(Context(destination: null)));
        Assert.Contains($"live {Vm} -> (scheduler)", _cloud.Calls);
        Assert.NotEqual("node-1", _cloud.Peek(Vm)!.Host);
    }

    [Fact]
    public async Task LiveMigration_RefusedByTheCloud_ReturnsFailure()
    {
        _cloud.RefuseMigrations = true;
        Assert.False(await _action.ExecuteAsync(Context()));
    }

    [Fact]
    public async Task LiveMigration_ThatNeverEnds_FailsAfterTheRetries()
    {
        _cloud.MigrationsNeverEnd = true;
        Assert.False(await _action.ExecuteAsync(Context()));
    }

    [Fact]
    public async Task ColdMigration_WaitsForVerifyResize_ThenConfirms()
    {
        Assert.True(await _action.ExecuteAsync(Context(type: "cold")));
        Assert.Contains($"confirm {Vm}", _cloud.Calls);
        Assert.Equal(("node-2", "ACTIVE"), (_cloud.Peek(Vm)!.Host, _cloud.Peek(Vm)!.Status));
    }

    [Fact]
    public async Task AbortOfALiveMigration_LeavesTheServerOnItsSource_AndReportsCancelled()
    {
        _cloud.MigrationsNeverEnd = true;
        await _cloud.LiveMigrateAsync(Vm, "node-2");
        Assert.True(await _action.AbortAsync(Context()));
        Assert.Equal(("node-1", "ACTIVE"), (_cloud.Peek(Vm)!.Host, _cloud.Peek(Vm)!.Status));
    }

    [Fact]
    public async Task AbortOfAColdMigration_IsNotPossible_AndReportsCompleted()
    {
        Assert.False(await _action.AbortAsync(Context(type: "cold")));
        Assert.DoesNotContain(_cloud.Calls, c => c.StartsWith("abort"));
    }

    [Fact]
    public async Task Revert_MigratesTheServerBackToItsSource()
    {
        Assert.True(await _action.ExecuteAsync(Context()));
        Assert.True(await _action.RevertAsync(Context()));
        Assert.Equal("node-1", _cloud.Peek(Vm)!.Host);
    }

    [Fact]
    public async Task InAPlan_ASuccessfulMigrationMovesTheServer_AndASkippedOneSaysWhy()
    {
        await using var harness = new ApplierHarness();
        harness.Cloud.WithHost("node-1").WithHost("node-2").WithServer(Vm, "node-1");
        const string gone = "b0000000-0000-4000-8000-000000000009";
        var plan = await harness.SeedPlanAsync([
            new("move", "migrate", new JsonObject { ["resource_id"] = Vm, ["migration_type"] = "live", ["source_node"] = "node-1", ["destination_node"] = "node-2", ["resource_name"] = "vm-1" }),
            new("gone", "migrate", new JsonObject { ["resource_id"] = gone, ["migration_type"] = "live", ["source_node"] = "node-1" }),
        ]);

        await harness.Executor.RunAsync(plan.Uuid, CancellationToken.None);

        Assert.Equal(ActionStates.Succeeded, (await harness.ActionAsync(plan["move"])).State);
        var skipped = await harness.ActionAsync(plan["gone"]);
        Assert.Equal((ActionStates.Skipped, $"Action was skipped automatically: Instance {gone} not found"), (skipped.State, skipped.StatusMessage));
        Assert.Equal("node-2", harness.Cloud.Peek(Vm)!.Host);
        Assert.Equal(ActionPlanStates.Succeeded, (await harness.PlanAsync(plan.Uuid)).State);
    }
}
