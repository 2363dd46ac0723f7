using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Decision.Scoring;

/// <summary>One line per scoring engine, in upstream's order (reference §14).</summary>
public static class ScoringEngineRegistrations
{
    public static IServiceCollection AddScoringEngines(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(PluginCatalog<IScoringEngine>))) return services;
        services.AddSingleton<IScoringEngine, DummyScorer>();
        services.AddSingleton<IScoringEngine, DummyMinScorer>();
        services.AddSingleton<IScoringEngine, DummyMaxScorer>();
        services.AddSingleton<IScoringEngine, DummyAvgScorer>();
        services.TryAddSingleton<PluginCatalog<IScoringEngine>>();
        return services;
    }
}
