using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Goals;

/// <summary>Move instances that starve a high-priority neighbour of cache; no efficacy indicators (reference §6.1).</summary>
public sealed class NoisyNeighborGoal : IGoal
{
    public const string PluginName = "noisy_neighbor";
    public string Name => PluginName;
    public string DisplayName => "Noisy Neighbor";
    public IReadOnlyList<IndicatorSpec> EfficacySpecification => [];
    public IReadOnlyList<EfficacyValue> GlobalEfficacy(IReadOnlyDictionary<string, double> indicators) => [];
}
