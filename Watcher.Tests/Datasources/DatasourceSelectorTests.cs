using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Shared.Mediator;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Tests.Datasources;

public class DatasourceSelectorTests
{
    /// <summary>A datasource that knows only the metrics it is given.</summary>
    private sealed class Limited(string name, params string[] metrics) : IMetricsDatasource
    {
        public string? Unusable { get; init; }
        public Task<string?> UnusableReasonAsync(CancellationToken ct = default) => Task.FromResult(Unusable);
        public string Name => name;
        public IReadOnlySet<string> SupportedMetrics { get; } = metrics.ToHashSet();
        public double? NodeMetric(ComputeNode node, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) => null;
        public double? InstanceMetric(Instance instance, string metric, int periodSeconds = 300, string aggregate = "mean", int granularitySeconds = 300) => null;
    }

    private static readonly Limited CpuOnly = new("cpu_only", MetricNames.HostCpuUsage, MetricNames.InstanceCpuUsage);
    private static readonly Limited Everything = new("everything", [.. MetricNames.All]);

    private static DatasourceSelector Selector(params string[] configured) =>
        new(new PluginCatalog<IMetricsDatasource>([CpuOnly, Everything]),
            Options.Create(new DatasourcesOptions { Datasources = configured }));

    [Fact]
    public void Select_WithNoRequiredMetrics_ReturnsNull()
    {
        Assert.Null(Selector("cpu_only").Select([]));
    }

    [Fact]
    public void Select_ReturnsTheFirstConfiguredDatasourceSupportingEveryMetric()
    {
        var selector = Selector("cpu_only", "everything");

        Assert.Same(CpuOnly, selector.Select([MetricNames.HostCpuUsage]));
        Assert.Same(Everything, selector.Select([MetricNames.HostCpuUsage, MetricNames.HostPower]));
    }

    [Fact]
    public async Task SelectAsync_SkipsADatasourceThatCannotBeUsed_ForTheNextInOrder()
    {
        var broken = new Limited("broken", [.. MetricNames.All]) { Unusable = "no metric endpoint in the catalog" };
        var selector = new DatasourceSelector(new PluginCatalog<IMetricsDatasource>([broken, Everything]),
            Options.Create(new DatasourcesOptions { Datasources = ["broken", "everything"] }));

        Assert.Same(Everything, await selector.SelectAsync([MetricNames.HostCpuUsage], null, default));
        var error = await Assert.ThrowsAsync<DatasourceUnavailableException>(() => selector.SelectAsync([MetricNames.HostCpuUsage], ["broken"], default));
        Assert.Equal("No datasources available: broken: no metric endpoint in the catalog", error.Message);
        var missing = await Assert.ThrowsAsync<DatasourceUnavailableException>(() =>
            Selector("cpu_only").SelectAsync([MetricNames.HostOutletTemp], null, default));
        Assert.Equal("Metric: host_outlet_temp not available", missing.Message);
    }

    [Fact]
    public void Select_UsesTheStrategyOverrideInsteadOfTheGlobalOrder()
    {
        Assert.Same(Everything, Selector("cpu_only", "everything").Select([MetricNames.HostCpuUsage], ["everything"]));
    }

    [Fact]
    public void Select_WhenNoDatasourceHasAMetric_ThrowsMetricNotAvailable()
    {
        var error = Assert.Throws<DatasourceUnavailableException>(() =>
            Selector("cpu_only").Select([MetricNames.HostCpuUsage, MetricNames.HostOutletTemp]));

        Assert.Equal("Metric: host_outlet_temp not available", error.Message);
    }

    [Fact]
    public void Select_WithAnEmptyList_ThrowsNoDatasourcesAvailable()
    {
        var error = Assert.Throws<DatasourceUnavailableException>(() => Selector("everything").Select([MetricNames.HostCpuUsage], []));

        Assert.Equal("No datasources available", error.Message);
    }

    [Fact]
    public void Select_WithAnUnknownNameInTheOverride_ListsTheValidNames()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Selector("everything").Select([MetricNames.HostCpuUsage], ["prometheus"]));

        Assert.Equal("Unknown datasource(s) 'prometheus'. Valid names: cpu_only, everything", error.Message);
    }

    private static ServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddWatcherMediator(typeof(WatcherModules).Assembly);
        services.AddCloud(configuration);
        services.AddDatasources(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public async Task SelectDatasourceRequest_ByDefault_AnswersWithTheSimulator()
    {
        using var provider = Build();
        var mediator = provider.GetRequiredService<IMediator>();

        var chosen = await mediator.Send(new SelectDatasource([MetricNames.InstanceCpuUsage, MetricNames.HostRamUsage]));

        Assert.IsType<SimulatorDatasource>(Assert.IsType<MetricCache>(chosen).Inner);
        Assert.Equal(["simulator", "gnocchi", "prometheus"], provider.GetRequiredService<PluginCatalog<IMetricsDatasource>>().Names);
    }

    [Fact]
    public void UnknownConfiguredDatasource_FailsOptionsValidationListingTheValidNames()
    {
        using var provider = Build(("Watcher:Datasources:Datasources:0", "grafana"), ("Watcher:Datasources:Datasources:1", "simulator"));

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DatasourcesOptions>>().Value);

        Assert.Equal("Watcher:Datasources:Datasources: Unknown datasource(s) 'grafana'. Valid names: simulator, gnocchi, prometheus", error.Message);
    }

    [Fact]
    public void ConfiguredDatasources_ReplaceTheDefaultList()
    {
        using var provider = Build(("Watcher:Datasources:Datasources:0", "simulator"));

        Assert.Equal(["simulator"], provider.GetRequiredService<IOptions<DatasourcesOptions>>().Value.Effective);
    }
}
