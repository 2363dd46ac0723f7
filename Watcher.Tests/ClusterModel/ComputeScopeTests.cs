using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Tests.ClusterModel;

public sealed class ComputeScopeTests
{
    // compute-1 (az1, rack-a) runs vm-1 (p1, optimize=True), vm-2 (p2)
    // compute-2 (az2, rack-b) runs vm-3 (p1)
    // compute-3 (az1, no aggregate) runs vm-4 (p3, optimize=true, tier=gold)
    private static ComputeModel Model()
    {
        var model = new ComputeModel();
        AddNode(model, "compute-1", "az1", "rack-a");
        AddNode(model, "compute-2", "az2", "rack-b");
        AddNode(model, "compute-3", "az1");
        AddInstance(model, "vm-1", "compute-1", "p1", new JsonObject { ["optimize"] = "True" });
        AddInstance(model, "vm-2", "compute-1", "p2");
        AddInstance(model, "vm-3", "compute-2", "p1");
        AddInstance(model, "vm-4", "compute-3", "p3", new JsonObject { ["optimize"] = "true", ["tier"] = "gold" });
        return model;
    }

    private static void AddNode(ComputeModel model, string host, string az, params string[] aggregates) =>
        model.AddNode(new ComputeNode { Uuid = "uuid-" + host, Hostname = host, AvailabilityZone = az, Aggregates = aggregates });

    private static void AddInstance(ComputeModel model, string uuid, string host, string project, JsonObject? metadata = null)
    {
        var instance = new Instance { Uuid = uuid, ProjectId = project, Metadata = metadata ?? new JsonObject() };
        model.AddInstance(instance);
        model.MapInstance(instance, model.GetNodeByHostname(host));
    }

    private static ComputeModel Apply(string scope) => ComputeScope.ApplyScope(Model(), JsonNode.Parse(scope)!.AsArray());

    private static string[] Hosts(ComputeModel m) => m.Nodes.Select(n => n.Hostname).ToArray();
    private static string[] Instances(ComputeModel m) => m.Instances.Select(i => i.Uuid).ToArray();
    private static string[] Excluded(ComputeModel m) => m.Instances.Where(i => i.WatcherExclude).Select(i => i.Uuid).ToArray();

    [Fact]
    public void EmptyScope_KeepsEverything()
    {
        var scoped = Apply("[]");

        Assert.Equal(["compute-1", "compute-2", "compute-3"], Hosts(scoped));
        Assert.Empty(Excluded(scoped));
    }

    [Fact]
    public void ApplyScope_LeavesTheGivenModelUntouched()
    {
        var model = Model();

        ComputeScope.ApplyScope(model, JsonNode.Parse("""[{"compute": [{"exclude": [{"compute_nodes": [{"name": "compute-1"}]}, {"projects": [{"uuid": "p1"}]}]}]}]""")!.AsArray());

        Assert.Equal(3, model.Nodes.Count);
        Assert.DoesNotContain(model.Instances, i => i.WatcherExclude);
    }

    [Fact]
    public void TypedAvailabilityZone_KeepsOnlyHostsOfThatZone()
    {
        var scoped = Apply("""[{"compute": [{"availability_zones": [{"name": "az1"}]}]}]""");

        Assert.Equal(["compute-1", "compute-3"], Hosts(scoped));
        Assert.Equal(["vm-1", "vm-2", "vm-4"], Instances(scoped));
    }

    [Fact]
    public void LegacyFlatScope_IsReadAsComputeRules()
    {
        var scoped = Apply("""[{"host_aggregates": [{"name": "rack-b"}]}]""");

        Assert.Equal(["compute-2"], Hosts(scoped));
    }

    [Fact]
    public void IncludeRules_AreUnioned()
    {
        var scoped = Apply("""[{"compute": [{"host_aggregates": [{"name": "rack-b"}]}, {"availability_zones": [{"name": "az1"}]}]}]""");

        Assert.Equal(["compute-1", "compute-2", "compute-3"], Hosts(scoped));
    }

    [Fact]
    public void AggregateWildcard_KeepsHostsInAnyAggregate()
    {
        var scoped = Apply("""[{"compute": [{"host_aggregates": [{"id": "*"}]}]}]""");

        Assert.Equal(["compute-1", "compute-2"], Hosts(scoped));
    }

    [Fact]
    public void ZoneWildcard_KeepsAllHosts()
    {
        Assert.Equal(3, Apply("""[{"compute": [{"availability_zones": [{"name": "*"}]}]}]""").Nodes.Count);
    }

    [Fact]
    public void WildcardWithOtherNames_IsRejected()
    {
        var error = Assert.Throws<InvalidRequestException>(() =>
            Apply("""[{"compute": [{"host_aggregates": [{"name": "*"}, {"name": "rack-a"}]}]}]"""));

        Assert.Equal("You shouldn't use any other IDs of host aggregates if you use wildcard character.", error.Message);
    }

    [Fact]
    public void IncludeMatchingNothing_EmptiesTheModel()
    {
        var scoped = Apply("""[{"compute": [{"availability_zones": [{"name": "nowhere"}]}]}]""");

        Assert.Empty(scoped.Nodes);
        Assert.Empty(scoped.Instances);
    }

    [Fact]
    public void ExcludedComputeNode_IsRemovedWithItsInstances()
    {
        var scoped = Apply("""[{"compute": [{"exclude": [{"compute_nodes": [{"name": "compute-1"}]}]}]}]""");

        Assert.Equal(["compute-2", "compute-3"], Hosts(scoped));
        Assert.Equal(["vm-3", "vm-4"], Instances(scoped));
    }

    [Fact]
    public void ExcludedAggregate_RemovesItsHosts()
    {
        var scoped = Apply("""[{"compute": [{"exclude": [{"host_aggregates": [{"name": "rack-a"}]}]}]}]""");

        Assert.Equal(["compute-2", "compute-3"], Hosts(scoped));
    }

    [Fact]
    public void ExcludedInstancesAndProjects_StayButAreFlagged()
    {
        var scoped = Apply("""
            [{"compute": [{"exclude": [{"instances": [{"uuid": "vm-2"}]}, {"projects": [{"uuid": "p3"}]}]}]}]
            """);

        Assert.Equal(["vm-1", "vm-2", "vm-3", "vm-4"], Instances(scoped));
        Assert.Equal(["vm-2", "vm-4"], Excluded(scoped));
    }

    [Fact]
    public void ExcludedMetadata_FlagsInstancesMatchingEveryPairIgnoringCase()
    {
        var single = Apply("""[{"compute": [{"exclude": [{"instance_metadata": [{"optimize": "TRUE"}]}]}]}]""");
        var both = Apply("""[{"compute": [{"exclude": [{"instance_metadata": [{"optimize": "true"}, {"tier": "Gold"}]}]}]}]""");

        Assert.Equal(["vm-1", "vm-4"], Excluded(single));
        Assert.Equal(["vm-4"], Excluded(both));
    }

    [Fact]
    public void StorageRules_DoNotAffectTheComputeModel()
    {
        var scoped = Apply("""[{"storage": [{"availability_zones": [{"name": "az9"}]}]}, {"compute": [{"availability_zones": [{"name": "az2"}]}]}]""");

        Assert.Equal(["compute-2"], Hosts(scoped));
        Assert.Equal(3, Apply("""[{"storage": [{"availability_zones": [{"name": "az9"}]}]}]""").Nodes.Count);
    }
}
