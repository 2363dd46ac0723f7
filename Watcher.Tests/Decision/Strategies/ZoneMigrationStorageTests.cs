using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Strategies.ZoneMigration;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>
/// zone_migration's storage side (reference §7.15, upstream master) on strat_zm_storage.json: src1@back1#pool1 holds
/// vol-0 (10 GB, attached to vm-0), vol-1 (30 GB, attached to vm-1) and vol-2 (20 GB), all type1; src2@back2#pool1
/// holds vol-3 (type2).
/// </summary>
public class ZoneMigrationStorageTests
{
    private const string Scenario = "strat_zm_storage.json";
    private readonly ZoneMigrationStrategy _strategy = new();

    private static string Vol(int n) => $"d1000000-0000-4000-8000-00000000000{n}";
    private static string Vm(int n) => $"5e100000-0000-4000-8000-00000000000{n}";

    private Solution Run(string parameters) => StrategyHarness.Run(_strategy, Scenario, parameters);

    private static List<string> Describe(Solution solution) => solution.Actions.Select(a =>
    {
        var p = a.InputParameters;
        string? S(string key) => p[key]?.GetValue<string>();
        return a.ActionType == "volume_migrate"
            ? $"{S("migration_type")} {S("resource_name")} -> {S("destination_node") ?? S("destination_type")}"
            : $"{S("migration_type")} {S("resource_name")} {S("source_node")} -> {S("destination_node") ?? "(scheduler)"}";
    }).ToList();

    [Fact]
    public void VolumesOfTheSourcePool_MigrateToTheDestinationPool_TwoPerPoolByDefault()
    {
        var solution = Run("""{"storage_pools": [{"src_pool": "src1@back1#pool1", "dst_pool": "dst1@back1#pool1"}]}""");

        Assert.Equal(["migrate vol-0 -> dst1@back1#pool1", "migrate vol-1 -> dst1@back1#pool1"], Describe(solution));
        Assert.Equal(Vol(0), solution.Actions[0].InputParameters["resource_id"]!.GetValue<string>());
        Assert.Equal((3, 2), (solution.Indicators["volume_migrate_count"], solution.Indicators["planned_volume_migrate_count"]));
        Assert.Equal((3, 2), (solution.Indicators["volume_update_count"], solution.Indicators["planned_volume_update_count"]));

        var all = Run("""{"parallel_per_pool": 3, "storage_pools": [{"src_pool": "src1@back1#pool1", "dst_pool": "dst1@back1#pool1"}]}""");
        Assert.Equal(3, all.Actions.Count);
        var capped = Run("""{"parallel_total": 1, "storage_pools": [{"src_pool": "src1@back1#pool1", "dst_pool": "dst1@back1#pool1"}]}""");
        Assert.Single(capped.Actions);
    }

    [Fact]
    public void ADestinationType_Retypes()
    {
        var solution = Run("""{"storage_pools": [{"src_pool": "src2@back2#pool1", "dst_type": "type1"}]}""");

        Assert.Equal(["retype vol-3 -> type1"], Describe(solution));
    }

    [Fact]
    public void AnEntryNamingTheVolumesType_WinsOverOneNamingThePoolAlone()
    {
        var solution = Run("""
            {"parallel_per_pool": 5, "storage_pools": [{"src_pool": "src1@back1#pool1", "dst_pool": "dst1@back1#pool1"},
                                                       {"src_pool": "src1@back1#pool1", "src_type": "type1", "dst_type": "type2"}]}
            """);

        Assert.Equal(["retype vol-0 -> type2", "retype vol-1 -> type2", "retype vol-2 -> type2"], Describe(solution));
    }

    [Fact]
    public void TheSameTypeWithoutADestinationPool_IsSkipped_AndAnotherSourceTypeTargetsNothing()
    {
        Assert.Empty(Run("""{"storage_pools": [{"src_pool": "src1@back1#pool1", "dst_type": "type1"}]}""").Actions);

        var other = Run("""{"storage_pools": [{"src_pool": "src1@back1#pool1", "src_type": "type2", "dst_pool": "dst1@back1#pool1"}]}""");
        Assert.Empty(other.Actions);
        Assert.Equal(0, other.Indicators["volume_migrate_count"]);
    }

    [Fact]
    public void WithAttachedVolume_EachInstanceFollowsItsVolume_ThenTheRest()
    {
        var solution = Run("""
            {"with_attached_volume": true, "parallel_per_node": 3,
             "compute_nodes": [{"src_node": "src-host", "dst_node": "dst-host"}],
             "storage_pools": [{"src_pool": "src1@back1#pool1", "dst_pool": "dst1@back1#pool1"}]}
            """);

        Assert.Equal([
            "migrate vol-0 -> dst1@back1#pool1", "live vm-0 src-host -> dst-host",
            "migrate vol-1 -> dst1@back1#pool1", "live vm-1 src-host -> dst-host",
            "cold vm-2 src-host -> dst-host"], Describe(solution));
        Assert.Equal(Vm(0), solution.Actions[1].InputParameters["resource_id"]!.GetValue<string>());
    }

    [Fact]
    public void WithoutAttachedVolume_VolumesComeFirst_ThenInstances_InTheLimits()
    {
        // Default limits: 2 per pool, 2 per node, 6 in total.
        var solution = Run("""
            {"compute_nodes": [{"src_node": "src-host", "dst_node": "dst-host"}],
             "storage_pools": [{"src_pool": "src1@back1#pool1", "dst_pool": "dst1@back1#pool1"}]}
            """);

        Assert.Equal([
            "migrate vol-0 -> dst1@back1#pool1", "migrate vol-1 -> dst1@back1#pool1",
            "live vm-0 src-host -> dst-host", "live vm-1 src-host -> dst-host"], Describe(solution));
    }

    [Theory]
    [InlineData("""{"storage": "size"}""", new[] { "vol-1", "vol-2" })]
    [InlineData("""{"storage": "created_at"}""", new[] { "vol-1", "vol-2" })]
    [InlineData("""{"project": ["p2"]}""", new[] { "vol-1", "vol-2" })]
    [InlineData("""{"storage_pool": ["src2@back2#pool1"]}""", new[] { "vol-3", "vol-0" })]
    public void Priority_OrdersTheVolumes(string priority, string[] expected)
    {
        var solution = Run($$"""
            {"parallel_total": 2, "parallel_per_pool": 5, "priority": {{priority}},
             "storage_pools": [{"src_pool": "src1@back1#pool1", "dst_pool": "dst1@back1#pool1"}, {"src_pool": "src2@back2#pool1", "dst_type": "type1"}]}
            """);

        Assert.Equal(expected, solution.Actions.Select(a => a.InputParameters["resource_name"]!.GetValue<string>()));
    }

    [Fact]
    public void TheStorageModel_IsReadOnlyWithStoragePools()
    {
        Assert.True(_strategy.UsesStorageModelWith(System.Text.Json.Nodes.JsonNode.Parse("""{"storage_pools": [{"src_pool": "a", "dst_pool": "b"}]}""")!.AsObject()));
        Assert.False(_strategy.UsesStorageModelWith(System.Text.Json.Nodes.JsonNode.Parse("""{"compute_nodes": [{"src_node": "a"}]}""")!.AsObject()));
    }
}
