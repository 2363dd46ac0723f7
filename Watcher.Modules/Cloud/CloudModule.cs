using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.OpenStack;
using Watcher.Modules.Cloud.Simulator;

namespace Watcher.Modules.Cloud;

public static class CloudModule
{
    /// <summary>
    /// Registers both backends — the embedded simulator (Cloud/Simulator) and OpenStack (Cloud/OpenStack) — and
    /// serves <see cref="IComputeCloud"/> from the one <c>Watcher:Cloud:Backend</c> names. Nothing remote is
    /// contacted at start-up; an OpenStack configuration that cannot work stops start-up with its reasons.
    /// </summary>
    public static IServiceCollection AddCloud(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CloudOptions>().BindConfiguration(CloudOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CloudOptions>, CloudOptionsValidator>();
        // Fail fast with the full sentence when configuration is already visible here (the usual case);
        // ValidateOnStart covers configuration added later (e.g. by a test host).
        var backend = configuration[$"{CloudOptions.Section}:{nameof(CloudOptions.Backend)}"];
        if (!string.IsNullOrEmpty(backend) && !CloudOptions.Backends.Contains(backend))
            throw new InvalidOperationException(CloudOptions.UnsupportedBackendMessage(backend));

        services.AddOptions<SimulatorOptions>().BindConfiguration(SimulatorOptions.Section)
            .Validate(o => o.LiveMigrationSeconds >= 0 && o.ColdMigrationSeconds >= 0,
                "Watcher:Simulator:LiveMigrationSeconds and ColdMigrationSeconds must be >= 0")
            .ValidateOnStart();
        services.PostConfigure<SimulatorOptions>(o => o.StateFile = SimulatorStatePath.Resolve(o.StateFile, configuration));
        services.AddSingleton(sp => SimulatedCloud.FromOptions(
            sp.GetRequiredService<IOptions<SimulatorOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SimulatedCloud>>()));
        services.AddSingleton(sp => new SimulatedBlockStorage(
            SimulatorScenario.Load(sp.GetRequiredService<IOptions<SimulatorOptions>>().Value),
            sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.Storage,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SimulatedBlockStorage>>(),
            sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.StateFile));
        services.AddSingleton(sp => new SimulatedBareMetal(
            SimulatorScenario.Load(sp.GetRequiredService<IOptions<SimulatorOptions>>().Value),
            sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.Storage,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<SimulatedBareMetal>>(),
            sp.GetRequiredService<SimulatedCloud>(), sp.GetRequiredService<IOptions<SimulatorOptions>>().Value.StateFile));
        services.AddOpenStackCloud();

        services.AddSingleton<IComputeCloud>(sp => Backend(sp) switch
        {
            CloudOptions.OpenStackBackend => sp.GetRequiredService<OpenStackComputeCloud>(),
            _ => sp.GetRequiredService<SimulatedCloud>(),
        });
        services.AddSingleton<IBlockStorageCloud>(sp => Backend(sp) switch
        {
            CloudOptions.OpenStackBackend => sp.GetRequiredService<OpenStack.Cinder.OpenStackBlockStorage>(),
            _ => sp.GetRequiredService<SimulatedBlockStorage>(),
        });
        services.AddSingleton<IBareMetalCloud>(sp => Backend(sp) switch
        {
            CloudOptions.OpenStackBackend => sp.GetRequiredService<OpenStack.Ironic.OpenStackBareMetal>(),
            _ => sp.GetRequiredService<SimulatedBareMetal>(),
        });
        services.AddSingleton<ICloudProbe>(sp => Backend(sp) switch
        {
            CloudOptions.OpenStackBackend => sp.GetRequiredService<OpenStackProbe>(),
            _ => new ComputeCloudProbe(sp.GetRequiredService<IComputeCloud>()),
        });
        services.AddSingleton<ISimulatedMetrics>(sp => Backend(sp) switch
        {
            CloudOptions.OpenStackBackend => new NoSimulatedMetrics(),
            _ => sp.GetRequiredService<SimulatedCloud>(),
        });
        // change_node_power_state: Ironic nodes by uuid; in the simulator its compute hosts too (by uuid or name).
        services.AddSingleton<INodePower>(sp => Backend(sp) switch
        {
            CloudOptions.OpenStackBackend => new IronicNodePower(sp.GetRequiredService<IBareMetalCloud>(), sp.GetRequiredService<IComputeCloud>()),
            _ => new IronicNodePower(sp.GetRequiredService<IBareMetalCloud>(), sp.GetRequiredService<IComputeCloud>(),
                sp.GetRequiredService<SimulatedCloud>()),
        });
        return services;
    }

    private static string Backend(IServiceProvider sp)
    {
        var backend = sp.GetRequiredService<IOptions<CloudOptions>>().Value.Backend;
        return CloudOptions.Backends.Contains(backend) ? backend
            : throw new InvalidOperationException(CloudOptions.UnsupportedBackendMessage(backend));
    }

    /// <summary>Any backend: the compute services list answers.</summary>
    private sealed class ComputeCloudProbe(IComputeCloud cloud) : ICloudProbe
    {
        public async Task<CloudProbeResult> ProbeAsync(CancellationToken ct = default)
        {
            try
            {
                return new CloudProbeResult(true, $"the cloud answered: {(await cloud.ListComputeServicesAsync(ct)).Count} compute services");
            }
            catch (CloudException e)
            {
                return new CloudProbeResult(false, e.Message);
            }
        }
    }

    /// <summary>With a real cloud there is no simulator to read: say so instead of answering "no data".</summary>
    private sealed class NoSimulatedMetrics : ISimulatedMetrics
    {
        private static InvalidOperationException Error() => new(
            "The 'simulator' datasource only works with Watcher:Cloud:Backend=simulator; " +
            "list gnocchi or prometheus in Watcher:Datasources:Datasources");

        public double? HostMetric(string host, string metric, int periodSeconds = 300, string aggregate = "mean") => throw Error();
        public double? ServerMetric(string serverId, string metric, int periodSeconds = 300, string aggregate = "mean") => throw Error();
    }
}
