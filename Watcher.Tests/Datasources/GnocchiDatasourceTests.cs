using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Datasources.Contracts;
using Watcher.Modules.Datasources.Gnocchi;
using Watcher.Modules.Shared.Plugins;
using Watcher.Tests.Cloud.OpenStack;
using Watcher.Tests.Shared;

namespace Watcher.Tests.Datasources;

/// <summary>The Gnocchi datasource against the lab's recorded Gnocchi answers.</summary>
public sealed class GnocchiDatasourceTests
{
    private const string HostResource = "f859c151-0381-5311-a938-a7ea3327be0d";
    private const string Vm4 = "9911e9fc-e5b3-45ac-b277-9355be5a780e";
    private readonly StubOpenStack _stub = StubOpenStack.WithLab();
    private readonly TestClock _clock = new(new DateTime(2026, 11, 30, 16, 46, 0, DateTimeKind.Utc));
    private static readonly ComputeNode Fake1 = new() { Uuid = "6008ab59-c362-4378-93e6-a54673cc87d8", Hostname = "fake-1", Vcpus = 16 };
    private static readonly Instance Vm = new() { Uuid = Vm4, Vcpus = 4, Memory = 8192 };

    public GnocchiDatasourceTests()
    {
        _stub.On(HttpMethod.Post, "/v1/search/resource/generic", _ => StubOpenStack.Json(200, StubOpenStack.Recorded("gnocchi-search-fake-1.json")));
        _stub.On(HttpMethod.Get, $"/v1/resource/generic/{HostResource}/metric/compute.node.cpu.percent/measures",
            _ => StubOpenStack.Json(200, StubOpenStack.Recorded("gnocchi-measures-host-cpu.json")));
        _stub.On(HttpMethod.Get, $"/v1/resource/generic/{Vm4}/metric/cpu_util/measures",
            _ => StubOpenStack.Json(200, StubOpenStack.Recorded("gnocchi-measures-cpu-util.json")));
        _stub.On(HttpMethod.Get, $"/v1/resource/generic/{Vm4}/metric/cpu/measures",
            _ => StubOpenStack.Json(200, """[["2026-11-30T16:40:00+00:00", 300, 4.0e10], ["2026-11-30T16:45:00+00:00", 300, 6.0e10]]"""));
        _stub.On(HttpMethod.Get, $"/v1/resource/generic/{Vm4}/metric/memory.resident/measures",
            _ => StubOpenStack.Json(404, StubOpenStack.Recorded("gnocchi-error-metric-404.json")));
    }

    private IMetricsDatasource Gnocchi(params (string, string?)[] settings) =>
        OpenStackTestHost.Build(_stub, _clock, settings).GetRequiredService<PluginCatalog<IMetricsDatasource>>().Get("gnocchi");

    [Fact]
    public void Supports_UpstreamsGnocchiMap()
    {
        Assert.Equal(MetricNames.All.Order(), Gnocchi().SupportedMetrics.Order());
    }

    [Fact]
    public void HostMetric_FindsTheHostResourceByOriginalId_AndReadsTheLastMeasureOfThePeriod()
    {
        var cpu = Gnocchi().NodeMetric(Fake1, MetricNames.HostCpuUsage, 1200, "mean", 300);

        Assert.Equal(23.919361414343015, cpu);
        Assert.Equal("""{"=":{"original_resource_id":"fake-1_fake-1"}}""", _stub.To("/v1/search/resource/generic").Single().Body);
        Assert.Equal($"/v1/resource/generic/{HostResource}/metric/compute.node.cpu.percent/measures" +
            "?start=2026-11-30T16%3A26%3A00&stop=2026-11-30T16%3A46%3A00&granularity=300&aggregation=mean",
            _stub.To("/v1/resource/generic/").Single().PathAndQuery);
    }

    [Fact]
    public void InstanceCpu_ByDefault_IsTheRateOfCumulativeCpuTime_AsPercentOfItsVcpus()
    {
        var cpu = Gnocchi().InstanceMetric(Vm, MetricNames.InstanceCpuUsage, 600, "mean", 300);

        // 6e10 ns of CPU per 300 s over 4 vCPUs = 5 %
        Assert.Equal(5.0, cpu!.Value, 6);
        Assert.Contains("aggregation=rate%3Amean", _stub.To("/v1/resource/generic/").Single().PathAndQuery);
        Assert.Null(Gnocchi().InstanceMetric(Vm, MetricNames.InstanceCpuUsage, 600, "max", 300));
    }

    [Fact]
    public void AMetricMapOverride_ToTheCpuUtilGauge_IsReadAsAPercentage()
    {
        var gnocchi = Gnocchi(("Watcher:Datasources:MetricMap:gnocchi:instance_cpu_usage", "cpu_util"));

        Assert.Equal(49.766059468710814, gnocchi.InstanceMetric(Vm, MetricNames.InstanceCpuUsage, 1200, "mean", 60));
    }

    [Fact]
    public void AnOverrideToNothing_RemovesTheMetric()
    {
        var gnocchi = Gnocchi(("Watcher:Datasources:MetricMap:gnocchi:host_power", ""));

        Assert.DoesNotContain(MetricNames.HostPower, gnocchi.SupportedMetrics);
    }

    [Fact]
    public async Task WithoutAMetricEndpoint_GnocchiCannotBeUsed_SayingWhy()
    {
        var catalog = System.Text.Json.Nodes.JsonNode.Parse(StubOpenStack.Recorded("keystone-token.json"))!;
        var services = catalog["token"]!["catalog"]!.AsArray();
        services.Remove(services.Single(s => (string?)s!["type"] == "metric"));
        _stub.On(HttpMethod.Post, "/v3/auth/tokens", _ => StubOpenStack.Json(201, catalog.ToJsonString(), ("X-Subject-Token", "t")));

        Assert.Equal("The Keystone catalog has no public endpoint for service type metric in region RegionOne",
            await Gnocchi().UnusableReasonAsync());
        Assert.Null(await Gnocchi(("Watcher:Gnocchi:EndpointOverride", "http://127.0.0.1:18041")).UnusableReasonAsync());
    }

    [Fact]
    public void NotFound_IsNoData()
    {
        Assert.Null(Gnocchi().InstanceMetric(Vm, MetricNames.InstanceRamUsage));
        _stub.On(HttpMethod.Post, "/v1/search/resource/generic", _ => StubOpenStack.Json(200, "[]"));
        Assert.Null(Gnocchi().NodeMetric(Fake1, MetricNames.HostCpuUsage));
    }

    [Fact]
    public void GnocchiUnreachable_FailsTheQuery_NamingIt()
    {
        var port = FreePort.Get();
        using var provider = OpenStackTestHost.Build(_stub, ["keystone"], _clock,
            ("Watcher:Gnocchi:EndpointOverride", $"http://127.0.0.1:{port}"), ("Watcher:Gnocchi:HttpRetries", "1"));
        var gnocchi = provider.GetRequiredService<PluginCatalog<IMetricsDatasource>>().Get("gnocchi");

        var error = Assert.Throws<DatasourceUnavailableException>(() => gnocchi.InstanceMetric(Vm, MetricNames.InstanceRamUsage));

        Assert.Equal($"Datasource gnocchi: Gnocchi (http://127.0.0.1:{port}) is unreachable: connection refused", error.Message);
    }
}
