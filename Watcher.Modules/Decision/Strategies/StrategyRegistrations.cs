using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Decision.Scoring;
using Watcher.Modules.Decision.Strategies.Basic;
using Watcher.Modules.Decision.Strategies.NodeResourceConsolidation;
using Watcher.Modules.Decision.Strategies.VmWorkloadConsolidation;
using Watcher.Modules.Decision.Strategies.WorkloadStabilization;
using Watcher.Modules.Decision.Strategies.ZoneMigration;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>One line per strategy. Order matters: the first strategy registered for a goal is its default (§7.0).</summary>
public static class StrategyRegistrations
{
    public static IServiceCollection AddStrategies(this IServiceCollection services)
    {
        services.AddScoringEngines();
        services.AddSingleton<IStrategy, DummyStrategy>();
        services.AddSingleton<IStrategy, DummyWithScorerStrategy>();
        services.AddSingleton<IStrategy, DummyWithResizeStrategy>();
        services.AddSingleton<IStrategy, ActuatorStrategy>();
        services.AddSingleton<IStrategy, BasicConsolidationStrategy>();
        services.AddSingleton<IStrategy, VmWorkloadConsolidationStrategy>();
        services.AddSingleton<IStrategy, NodeResourceConsolidationStrategy>();
        services.AddSingleton<IStrategy, OutletTemperatureStrategy>();
        services.AddSingleton<IStrategy, WorkloadStabilizationStrategy>();
        services.AddSingleton<IStrategy, WorkloadBalanceStrategy>();
        services.AddSingleton<IStrategy, UniformAirflowStrategy>();
        services.AddSingleton<IStrategy, NoisyNeighborStrategy>();
        services.AddSingleton<IStrategy, SavingEnergyStrategy>();
        services.AddSingleton<IStrategy, ZoneMigrationStrategy>();
        services.AddSingleton<IStrategy, HostMaintenanceStrategy>();
        services.AddSingleton<IStrategy, StorageCapacityBalanceStrategy>();
        services.AddOptions<BasicConsolidationOptions>();
        services.AddOptions<StorageCapacityBalanceOptions>();
        services.AddSingleton<PluginCatalog<IStrategy>>();
        return services;
    }
}
