using System.Text.Json.Nodes;
using Watcher.Modules.Persistence;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

/// <summary>GET /v1/strategies/{s}/state: the requirements report operators check before auditing.</summary>
public abstract class StrategyStateApiTests(DatabaseProvider provider) : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory(provider).WithCatalog();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task MetricHungryStrategy_ReportsTheConfiguredDatasourceAndEachMetric()
    {
        var report = (await _app.Client().GetAsync("/v1/strategies/vm_workload_consolidation/state").ExpectJson()).AsArray();

        Assert.Equal(["Datasource", "Metrics", "CDM", "Name"], report.Select(i => (string)i!["type"]!));
        Assert.Equal("simulator: available", (string?)report[0]!["state"]);
        Assert.True((bool)report[0]!["mandatory"]!);
        var metrics = report[1]!["state"]!.AsArray().Select(m => m!.AsObject().Single()).ToDictionary(kv => kv.Key, kv => (string)kv.Value!);
        Assert.Contains("instance_cpu_usage", metrics.Keys);
        Assert.All(metrics.Values, v => Assert.Equal("available", v));
        Assert.Equal("available", (string?)report[2]!["state"]![0]!["compute_model"]);
        Assert.Equal("vm_workload_consolidation", (string?)report[3]!["state"]);
    }

    [Fact]
    public async Task StrategyWithoutMetrics_SaysNoDatasourceIsNeeded()
    {
        var report = (await _app.Client().GetAsync("/v1/strategies/host_maintenance/state").ExpectJson()).AsArray();
        Assert.Equal("Datasource is not presented for this strategy", (string?)report[0]!["state"]);
        Assert.Empty(report[1]!["state"]!.AsArray());
    }

    [Fact]
    public async Task UnknownStrategy_Is404() =>
        Assert.Equal("Strategy nope could not be found", await _app.Client().GetAsync("/v1/strategies/nope/state").ExpectError(404));
}

public sealed class StrategyStateApiTestsOnSqlite() : StrategyStateApiTests(DatabaseProvider.Sqlite);

public sealed class StrategyStateApiTestsOnPostgreSql() : StrategyStateApiTests(DatabaseProvider.PostgreSql);
