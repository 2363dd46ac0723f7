using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Decision.Goals;

/// <summary>
/// Spread the load evenly over the hosts. Global efficacy: the share of the audited instances the plan migrates
/// (reference §6.2).
/// </summary>
public sealed class WorkloadBalancingGoal : IGoal
{
    public const string PluginName = "workload_balancing";
    public const string InstanceMigrationsCount = "instance_migrations_count";
    public const string InstancesCount = "instances_count";
    public const string StandardDeviationAfterAudit = "standard_deviation_after_audit";
    public const string StandardDeviationBeforeAudit = "standard_deviation_before_audit";

    private const string CountSchema = "{\"type\": \"integer\", \"minimum\": 0}";
    private const string DeviationSchema = "{\"type\": \"number\", \"minimum\": 0}";

    private static readonly IReadOnlyList<IndicatorSpec> Indicators =
    [
        new(InstanceMigrationsCount, "Number of instance migrations the plan would perform.", null, CountSchema),
        new(InstancesCount, "Number of instances the audit looked at.", null, CountSchema, Required: false),
        new(StandardDeviationAfterAudit, "Standard deviation of the hosts' normalised load once the plan is applied.",
            null, DeviationSchema, Required: false),
        new(StandardDeviationBeforeAudit, "Standard deviation of the hosts' normalised load before the plan.",
            null, DeviationSchema, Required: false),
    ];

    public string Name => PluginName;
    public string DisplayName => "Workload Balancing";
    public IReadOnlyList<IndicatorSpec> EfficacySpecification => Indicators;

    public IReadOnlyList<EfficacyValue> GlobalEfficacy(IReadOnlyDictionary<string, double> indicators)
    {
        // Upstream always reports it: 0 without migrations, else migrations per audited instance.
        var migrations = indicators.GetValueOrDefault(InstanceMigrationsCount);
        var instances = indicators.GetValueOrDefault(InstancesCount);
        var value = migrations > 0 && instances > 0 ? migrations / instances * 100 : 0;
        return
        [
            new EfficacyValue("live_migrations_count",
                "Share of the audited instances that the plan migrates.", "%", value),
        ];
    }
}
