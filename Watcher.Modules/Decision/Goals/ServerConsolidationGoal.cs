using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Goals;

/// <summary>
/// Pack instances on fewer nodes. Global efficacy: the share of compute nodes the plan releases (reference §6.2).
/// </summary>
public sealed class ServerConsolidationGoal : IGoal
{
    public const string PluginName = "server_consolidation";
    public const string ComputeNodesCount = "compute_nodes_count";
    public const string ReleasedComputeNodesCount = "released_compute_nodes_count";
    public const string InstanceMigrationsCount = "instance_migrations_count";

    private const string CountSchema = "{\"type\": \"integer\", \"minimum\": 0}";

    private static readonly IReadOnlyList<IndicatorSpec> Indicators =
    [
        new(ComputeNodesCount, "Number of enabled compute nodes the audit looked at.", null, CountSchema),
        new(ReleasedComputeNodesCount, "Number of compute nodes the plan would free.", null, CountSchema),
        new(InstanceMigrationsCount, "Number of instance migrations the plan would perform.", null, CountSchema),
    ];

    public string Name => PluginName;
    public string DisplayName => "Server Consolidation";
    public IReadOnlyList<IndicatorSpec> EfficacySpecification => Indicators;

    public IReadOnlyList<EfficacyValue> GlobalEfficacy(IReadOnlyDictionary<string, double> indicators)
    {
        // Upstream always reports the ratio, 0 when there is nothing to divide by.
        var nodes = indicators.GetValueOrDefault(ComputeNodesCount);
        var value = nodes > 0 && indicators.TryGetValue(ReleasedComputeNodesCount, out var released)
            ? released / nodes * 100
            : 0;
        return
        [
            new EfficacyValue("released_nodes_ratio",
                "Share of the enabled compute nodes that the plan releases.", "%", value),
        ];
    }
}
