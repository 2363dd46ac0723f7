using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Goals;

/// <summary>Goal of saving_energy: keep just enough idle hosts powered on; no efficacy indicators (reference §6.1).</summary>
public sealed class SavingEnergyGoal : IGoal
{
    public const string PluginName = "saving_energy";
    public string Name => PluginName;
    public string DisplayName => "Saving Energy";
    public IReadOnlyList<IndicatorSpec> EfficacySpecification => [];
    public IReadOnlyList<EfficacyValue> GlobalEfficacy(IReadOnlyDictionary<string, double> indicators) => [];
}
