using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Goals;

/// <summary>Goal of host_maintenance: empty a node for maintenance; no efficacy indicators (reference §6.1).</summary>
public sealed class ClusterMaintainingGoal : IGoal
{
    public const string PluginName = "cluster_maintaining";
    public string Name => PluginName;
    public string DisplayName => "Cluster Maintaining";
    public IReadOnlyList<IndicatorSpec> EfficacySpecification => [];
    public IReadOnlyList<EfficacyValue> GlobalEfficacy(IReadOnlyDictionary<string, double> indicators) => [];
}
