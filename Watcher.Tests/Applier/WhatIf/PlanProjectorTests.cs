using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Applier;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Applier.WhatIf;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Tests.Applier.WhatIf;

/// <summary>The what-if replay on hand-built models, with the real action plugins' model effects.</summary>
public sealed class PlanProjectorTests
{
    private static readonly IAction[] Plugins =
    [
        new MigrateAction(Options.Create(new NovaOptions()), NullLogger<MigrateAction>.Instance),
        new ChangeNovaServiceStateAction(), new StopAction(Options.Create(new ActionPollingOptions()), NullLogger<StopAction>.Instance),
        new NopAction(NullLogger<NopAction>.Instance), new SleepAction(),
    ];

    private static readonly PlanProjector Projector =
        new(type => Plugins.FirstOrDefault(p => p.Name == type) as IModelEffect);

    /// <summary>Hosts h0..h(n-1) of 16 vCPUs, 32 GB, 500 GB; servers "vm-i" of 4 vCPUs, 8 GB, 40 GB placed as given.</summary>
    private static ComputeModel Model(int hosts, params int[] placement)
    {
        var model = new ComputeModel();
        for (var h = 0; h < hosts; h++)
            model.AddNode(new ComputeNode { Uuid = $"node-{h}", Hostname = $"h{h}", Vcpus = 16, Memory = 32768, Disk = 500, AvailabilityZone = "nova" });
        for (var i = 0; i < placement.Length; i++)
        {
            var instance = new Instance { Uuid = Uuid(i), Name = $"vm-{i}", Vcpus = 4, Memory = 8192, Disk = 40 };
            model.AddInstance(instance);
            model.MapInstance(instance, model.GetNodeByHostname($"h{placement[i]}"));
        }
        return model;
    }

    private static string Uuid(int i) => $"00000000-0000-0000-0000-{i:D12}";

    private static PlanStep Migrate(string key, int vm, string from, string to, params string[] parents) =>
        new(key, "migrate", new JsonObject
        {
            ["migration_type"] = "live", ["source_node"] = from, ["destination_node"] = to, ["resource_id"] = Uuid(vm),
        }, parents, "PENDING");

    private static PlanStep Disable(string key, string host, params string[] parents) =>
        new(key, "change_nova_service_state", new JsonObject
        {
            ["resource_id"] = "node", ["resource_name"] = host, ["state"] = "disabled", ["disabled_reason"] = "watcher_disabled",
        }, parents, "PENDING");

    [Fact]
    public void Consolidation_EmptiesTheSourceHost_FillsTheDestination_AndDisablesTheEmptiedHost()
    {
        var model = Model(2, 0, 1, 1);
        var (waves, hosts, actions) = Projector.Project(model,
            [Migrate("m1", 1, "h1", "h0"), Migrate("m2", 2, "h1", "h0"), Disable("d", "h1", "m1", "m2")]);

        Assert.Equal(2, waves);
        var h0 = hosts.Single(h => h.Before.Hostname == "h0");
        var h1 = hosts.Single(h => h.Before.Hostname == "h1");
        Assert.Equal((HostChange.Filled, 1, 3), (h0.Change, h0.Before.Instances, h0.After.Instances));
        Assert.Equal((HostChange.Emptied, 0, "disabled"), (h1.Change, h1.After.Instances, h1.After.Status));
        Assert.Equal(75, h0.After.VcpuPercent);
        // While both migrations run, h1 still holds both servers: its peak is its "before".
        Assert.Equal(h1.Before.Used, h1.Peak.Used);
        Assert.Equal(h0.After.Used, h0.Peak.Used);
        Assert.All(actions, a => Assert.Equal(ProjectionOutcome.Applied, a.Outcome));
        Assert.Equal([1, 1, 2], actions.Select(a => a.Wave));
    }

    [Fact]
    public void ServersSwappedInOneWave_PeakAboveBothBeforeAndAfter()
    {
        var model = Model(2, 0, 0, 0, 1, 1, 1);
        var (_, hosts, _) = Projector.Project(model, [Migrate("a", 0, "h0", "h1"), Migrate("b", 3, "h1", "h0")]);

        foreach (var host in hosts)
        {
            Assert.Equal(HostChange.Unchanged, host.Change);
            Assert.Equal(75, host.After.VcpuPercent);
            Assert.Equal(100, host.Peak.VcpuPercent);   // both servers claimed on both hosts during the wave
            Assert.False(host.OverCapacityAtPeak);
        }
    }

    [Fact]
    public void SameSwapInTwoWaves_PeakOnlyWhereTheSecondServerArrives()
    {
        var model = Model(2, 0, 0, 0, 1, 1, 1);
        var (_, hosts, _) = Projector.Project(model, [Migrate("a", 0, "h0", "h1"), Migrate("b", 3, "h1", "h0", "a")]);
        Assert.Equal(100, hosts.Single(h => h.Before.Hostname == "h1").Peak.VcpuPercent);
        Assert.Equal(75, hosts.Single(h => h.Before.Hostname == "h0").Peak.VcpuPercent);
    }

    [Fact]
    public void PeakAboveCapacity_IsFlagged()
    {
        var model = Model(2, 0, 0, 0, 0, 1, 1, 1, 1);
        var (_, hosts, _) = Projector.Project(model, [Migrate("a", 0, "h0", "h1")]);
        Assert.True(hosts.Single(h => h.Before.Hostname == "h1").OverCapacityAtPeak);
    }

    [Fact]
    public void ActionsTheApplierWouldSkipOrFail_ChangeNothing_AndSayWhy()
    {
        var model = Model(3, 0, 1);
        model.GetNodeByHostname("h2").Status = NodeStatus.Disabled;
        var (_, hosts, actions) = Projector.Project(model,
        [
            Migrate("moved-since", 0, "h1", "h2"),
            Migrate("to-disabled", 1, "h1", "h2"),
            Disable("already", "h2"),
            new PlanStep("resize", "resize", new JsonObject(), [], "PENDING"),
            Migrate("user-skipped", 1, "h1", "h0") with { State = "SKIPPED" },
            Migrate("loop-a", 1, "h1", "h0", "loop-b"), Migrate("loop-b", 1, "h1", "h0", "loop-a"),
        ]);

        Assert.All(hosts, h => Assert.Equal(HostChange.Unchanged, h.Change));
        var byKey = actions.ToDictionary(a => a.Uuid);
        Assert.Equal((ProjectionOutcome.WouldSkip, $"Instance {Uuid(0)} is not running on source node h1 (currently on h0)"),
            (byKey["moved-since"].Outcome, byKey["moved-since"].Note));
        Assert.Equal((ProjectionOutcome.WouldFail, "Destination node h2 is not in enabled state"),
            (byKey["to-disabled"].Outcome, byKey["to-disabled"].Note));
        Assert.Equal((ProjectionOutcome.WouldSkip, "nova-compute service h2 is already in state disabled"),
            (byKey["already"].Outcome, byKey["already"].Note));
        Assert.Equal(ProjectionOutcome.NotModelled, byKey["resize"].Outcome);
        Assert.Equal((ProjectionOutcome.WouldSkip, "Skipped by user"), (byKey["user-skipped"].Outcome, byKey["user-skipped"].Note));
        Assert.Equal((0, ProjectionOutcome.WouldFail), (byKey["loop-a"].Wave, byKey["loop-a"].Outcome));
    }

    [Fact]
    public void MigrationLeftToTheScheduler_IsUnknown_AndTheServerStaysCountedOnItsSource()
    {
        var model = Model(2, 0);
        var step = Migrate("m", 0, "h0", "h1");
        step.Parameters["destination_node"] = null;
        var (_, hosts, actions) = Projector.Project(model, [step]);
        Assert.Equal(ProjectionOutcome.Unknown, actions.Single().Outcome);
        Assert.Equal(1, hosts.Single(h => h.Before.Hostname == "h0").After.Instances);
    }

    [Fact]
    public void StoppedServer_KeepsItsClaims()
    {
        var model = Model(1, 0);
        var (_, hosts, actions) = Projector.Project(model,
            [new PlanStep("s", "stop", new JsonObject { ["resource_id"] = Uuid(0) }, [], "PENDING")]);
        Assert.Equal(ProjectionOutcome.NoUsageChange, actions.Single().Outcome);
        Assert.Equal(25, hosts.Single().After.VcpuPercent);
        Assert.Equal(InstanceState.Stopped, model.FindInstance(Uuid(0))!.State);
    }

    [Fact]
    public void Waves_IgnoreParentsOutsideThePlan()
    {
        var waves = PlanWaves.Of([("a", ["elsewhere"]), ("b", ["a"]), ("c", ["a", "b"])]);
        Assert.Equal((1, 2, 3), (waves["a"], waves["b"], waves["c"]));
    }
}
