using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Goals;

/// <summary>
/// Move instances (and volumes) off hardware that is going away (zone_migration). The strategy reports how many
/// resources it targeted and how many moves it planned; the global efficacy is planned ÷ targeted per kind, as
/// upstream computes it (reference §6.2; §19 item 28 kept).
/// </summary>
public sealed class HardwareMaintenanceGoal : IGoal
{
    public const string PluginName = "hardware_maintenance";
    public const string LiveMigrateInstanceCount = "live_migrate_instance_count";
    public const string PlannedLiveMigrateInstanceCount = "planned_live_migrate_instance_count";
    public const string ColdMigrateInstanceCount = "cold_migrate_instance_count";
    public const string PlannedColdMigrateInstanceCount = "planned_cold_migrate_instance_count";
    public const string VolumeMigrateCount = "volume_migrate_count";
    public const string PlannedVolumeMigrateCount = "planned_volume_migrate_count";
    public const string VolumeUpdateCount = "volume_update_count";
    public const string PlannedVolumeUpdateCount = "planned_volume_update_count";

    private const string CountSchema = "{\"type\": \"integer\", \"minimum\": 0}";

    private static readonly IReadOnlyList<IndicatorSpec> Indicators =
    [
        new(LiveMigrateInstanceCount, "Number of instances to live migrate.", null, CountSchema),
        new(PlannedLiveMigrateInstanceCount, "Number of live migrations the plan contains.", null, CountSchema),
        new(ColdMigrateInstanceCount, "Number of instances to cold migrate.", null, CountSchema),
        new(PlannedColdMigrateInstanceCount, "Number of cold migrations the plan contains.", null, CountSchema),
        new(VolumeMigrateCount, "Number of detached volumes to migrate.", null, CountSchema),
        new(PlannedVolumeMigrateCount, "Number of detached-volume migrations the plan contains.", null, CountSchema),
        new(VolumeUpdateCount, "Number of attached volumes to migrate.", null, CountSchema),
        new(PlannedVolumeUpdateCount, "Number of attached-volume migrations the plan contains.", null, CountSchema),
    ];

    public string Name => PluginName;
    public string DisplayName => "Hardware Maintenance";
    public IReadOnlyList<IndicatorSpec> EfficacySpecification => Indicators;

    public IReadOnlyList<EfficacyValue> GlobalEfficacy(IReadOnlyDictionary<string, double> indicators) =>
    [
        Ratio(indicators, "live_instance_migrate_ratio", PlannedLiveMigrateInstanceCount, LiveMigrateInstanceCount,
            "Share of the instances to live migrate that the plan live migrates."),
        Ratio(indicators, "cold_instance_migrate_ratio", PlannedColdMigrateInstanceCount, ColdMigrateInstanceCount,
            "Share of the instances to cold migrate that the plan cold migrates."),
        Ratio(indicators, "volume_migrate_ratio", PlannedVolumeMigrateCount, VolumeMigrateCount,
            "Share of the detached volumes to migrate that the plan migrates."),
        Ratio(indicators, "volume_update_ratio", PlannedVolumeUpdateCount, VolumeUpdateCount,
            "Share of the attached volumes to migrate that the plan migrates."),
    ];

    /// <summary>planned ÷ targeted × 100; 0 when nothing is planned (upstream never divides then).</summary>
    private static EfficacyValue Ratio(IReadOnlyDictionary<string, double> indicators, string name, string planned,
        string targeted, string description)
    {
        var plannedCount = indicators.GetValueOrDefault(planned);
        var targetedCount = indicators.GetValueOrDefault(targeted);
        var value = plannedCount > 0 && targetedCount > 0 ? plannedCount / targetedCount * 100 : 0;
        return new EfficacyValue(name, description, "%", value);
    }
}
