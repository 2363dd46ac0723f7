using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Goals;

/// <summary>Goal of the test strategies: nothing to measure (reference §6.1).</summary>
public sealed class DummyGoal : IGoal
{
    public const string PluginName = "dummy";
    public string Name => PluginName;
    public string DisplayName => "Dummy goal";
    public IReadOnlyList<IndicatorSpec> EfficacySpecification => [];
    public IReadOnlyList<EfficacyValue> GlobalEfficacy(IReadOnlyDictionary<string, double> indicators) => [];
}
