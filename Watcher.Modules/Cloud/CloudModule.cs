using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.Simulator;

namespace Watcher.Modules.Cloud;

public static class CloudModule
{
    /// <summary>Registers the cloud backend. Today: the embedded simulator (Cloud/Simulator).</summary>
    public static IServiceCollection AddCloud(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CloudOptions>().BindConfiguration(CloudOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CloudOptions>, CloudOptionsValidator>();
        // Fail fast with the full sentence when configuration is already visible here (the usual case);
        // ValidateOnStart covers configuration added later (e.g. by a test host).
        var backend = configuration[$"{CloudOptions.Section}:{nameof(CloudOptions.Backend)}"];
        if (!string.IsNullOrEmpty(backend) && backend != CloudOptions.SimulatorBackend)
            throw new InvalidOperationException(CloudOptions.UnsupportedBackendMessage(backend));

        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section)
            .Validate(o => o.LiveMigrationSeconds >= 0 && o.ColdMigrationSeconds >= 0,
                "Watcher:Simulator:LiveMigrationSeconds and ColdMigrationSeconds must be >= 0")
            .ValidateOnStart();
        services.PostConfigure<SimulatorOptions>(o => o.StateFile = SimulatorStatePath.Resolve(o.StateFile, configuration));
        services.AddSingleton<INodePower>(sp => sp.GetRequiredService<SimulatedCloud>());
        services.AddSingleton(sp => SimulatedCloud.FromOptions(
            sp.GetRequiredService<IOptions<SimulatorOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SimulatedCloud>>()));
        services.AddSingleton<IComputeCloud>(sp =>
        {
            var backendNow = sp.GetRequiredService<IOptions<CloudOptions>>().Value.Backend;
            if (backendNow != CloudOptions.SimulatorBackend)
                throw new InvalidOperationException(CloudOptions.UnsupportedBackendMessage(backendNow));
            return sp.GetRequiredService<SimulatedCloud>();
        });
        services.AddSingleton<ISimulatedMetrics>(sp => sp.GetRequiredService<SimulatedCloud>());
        return services;
    }
}
