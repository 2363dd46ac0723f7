using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Goals;

/// <summary>Even out the airflow through the hosts; no efficacy indicators (reference §6.1).</summary>
public sealed class AirflowOptimizationGoal : IGoal
{
    public const string PluginName = "airflow_optimization";
    public string Name => PluginName;
    public string DisplayName => "Airflow Optimization";
    public IReadOnlyList<IndicatorSpec> EfficacySpecification => [];
    public IReadOnlyList<EfficacyValue> GlobalEfficacy(IReadOnlyDictionary<string, double> indicators) => [];
}
