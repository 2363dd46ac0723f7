using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Goals;

/// <summary>Keep hosts' outlet temperatures under a threshold; no efficacy indicators (reference §6.1).</summary>
public sealed class ThermalOptimizationGoal : IGoal
{
    public const string PluginName = "thermal_optimization";
    public string Name => PluginName;
    public string DisplayName => "Thermal Optimization";
    public IReadOnlyList<IndicatorSpec> EfficacySpecification => [];
    public IReadOnlyList<EfficacyValue> GlobalEfficacy(IReadOnlyDictionary<string, double> indicators) => [];
}
