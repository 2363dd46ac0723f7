using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Goals;

/// <summary>
/// Goal of strategies that do not fit another goal yet (upstream: the actuator, and strategies still being written);
/// nothing to measure (reference §6.1).
/// </summary>
public sealed class UnclassifiedGoal : IGoal
{
    public const string PluginName = "unclassified";
    public string Name => PluginName;
    public string DisplayName => "Unclassified";
    public IReadOnlyList<IndicatorSpec> EfficacySpecification => [];
    public IReadOnlyList<EfficacyValue> GlobalEfficacy(IReadOnlyDictionary<string, double> indicators) => [];
}
