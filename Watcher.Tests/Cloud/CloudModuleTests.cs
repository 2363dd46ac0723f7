using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator;
using Watcher.Tests.Support;

namespace Watcher.Tests.Cloud;

public class CloudModuleTests
{
    internal static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddCloud(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task AddCloud_ByDefault_ServesTheDemoClusterAsTheComputeCloud()
    {
        using var provider = Build();

        var cloud = provider.GetRequiredService<IComputeCloud>();

        Assert.Same(provider.GetRequiredService<SimulatedCloud>(), cloud);
        Assert.Same(cloud, provider.GetRequiredService<ISimulatedMetrics>());
        Assert.Equal(["compute-0", "compute-1", "compute-2", "compute-3"], (await cloud.ListHypervisorsAsync()).Select(h => h.Hostname));
    }

    [Fact]
    public async Task AddCloud_SeedsFromTheConfiguredScenarioFile_WithTheConfiguredSchedulerOptions()
    {
        using var provider = Build(
            ("Watcher:Simulator:ScenarioFile", TestPaths.SharedScenario("hand_consolidation.json")),
            ("Watcher:Simulator:LiveMigrationSeconds", "7"),
            ("Watcher:Simulator:FailMigrationsOf:0", "vm-a"),
            ("Watcher:Simulator:Scheduler:RamWeightMultiplier", "-2.5"));

        var hypervisors = await provider.GetRequiredService<IComputeCloud>().ListHypervisorsAsync();
        var options = provider.GetRequiredService<IOptions<SimulatorOptions>>().Value;

        Assert.Equal("node-0", hypervisors[0].Hostname);
        Assert.Equal((7.0, -2.5), (options.LiveMigrationSeconds, options.Scheduler.RamWeightMultiplier));
        Assert.Equal(["vm-a"], options.FailMigrationsOf);
    }

    [Fact]
    public void AddCloud_WithAMissingScenarioFile_FailsNamingTheFile()
    {
        using var provider = Build(("Watcher:Simulator:ScenarioFile", "/no/such/scenario.json"));

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IComputeCloud>());

        Assert.Contains("/no/such/scenario.json", error.Message);
    }

    [Fact]
    public void AddCloud_WithAnUnknownBackend_FailsAtStartUpNamingTheChoices()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Build(("Watcher:Cloud:Backend", "vmware")));

        Assert.Equal("Watcher:Cloud:Backend 'vmware' is not supported: use 'simulator' (the embedded cloud) or 'openstack'.", error.Message);
    }

    [Fact]
    public void CloudOptionsValidator_AcceptsTheSimulatorAndOpenStack_RejectsOthers()
    {
        var validator = new CloudOptionsValidator();

        Assert.True(validator.Validate(null, new CloudOptions()).Succeeded);
        Assert.True(validator.Validate(null, new CloudOptions { Backend = "openstack" }).Succeeded);
        Assert.Contains("'vmware' is not supported", validator.Validate(null, new CloudOptions { Backend = "vmware" }).FailureMessage);
    }
}
