using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;

namespace Watcher.Tests.EndToEnd.OpenStack;

/// <summary>
/// The whole service as an operator would configure it for the lab (README "Connecting to OpenStack"): the
/// openstack backend as the lab's watcher service user, Nova's notifications from the lab's RabbitMQ, metrics
/// from its Gnocchi — through the real HTTP pipeline, on a fresh SQLite file. The periodic model sync runs once
/// at start and then only after an hour, so anything newer reached the model by notification or action.
/// </summary>
public sealed class LabWatcher(IDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public static readonly TimeSpan PlanPatience = TimeSpan.FromMinutes(4);
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"watcher-e2e-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?>
        {
            ["Watcher:Database:Connection"] = $"Data Source={_dbPath}",
            ["Watcher:Cloud:Backend"] = "openstack",
            ["Watcher:ClientsAuth:AuthUrl"] = LabAdmin.KeystoneUrl,
            ["Watcher:ClientsAuth:Username"] = "watcher",
            ["Watcher:ClientsAuth:Password"] = LabAdmin.Password,
            ["Watcher:ClientsAuth:ProjectName"] = "service",
            ["Watcher:ClientsAuth:RegionName"] = "RegionOne",
            ["Watcher:TransportUrl"] = "rabbit://guest:guest@127.0.0.1:15673/",
            ["Watcher:Datasources:Datasources:0"] = "gnocchi",
            // The lab's Ceilometer-less Gnocchi holds Zed-era cpu_util (a % gauge), not the cumulative cpu of HEAD.
            ["Watcher:Datasources:MetricMap:gnocchi:instance_cpu_usage"] = "cpu_util",
            ["Watcher:Nova:MigrationInterval"] = "1",
            ["Watcher:Nova:HttpRetries"] = "2",
            ["Watcher:Nova:HttpRetryInterval"] = "1",
            ["Watcher:ClusterDataModelCollectors:Compute:Period"] = "3600",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) all[key] = value;
        foreach (var (key, value) in all) builder.UseSetting(key, value);
    }

    /// <summary>A client speaking microversion 1.5 (status messages shown), as the stock client does.</summary>
    public HttpClient Operator()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("OpenStack-API-Version", "infra-optim 1.5");
        return client;
    }

    /// <summary>GET /v1/data_model rows (microversion 1.3).</summary>
    public async Task<List<JsonNode>> DataModelAsync()
    {
        using var client = CreateClient();
        client.DefaultRequestHeaders.Add("OpenStack-API-Version", "infra-optim 1.3");
        var body = await client.GetAsync("/v1/data_model").ExpectJson();
        return body["context"]!.AsArray().Select(r => r!).ToList();
    }

    /// <summary>Audit → RECOMMENDED plan (its uuid).</summary>
    public async Task<string> RecommendAsync(HttpClient client, string auditJson)
    {
        var audit = await client.CreateAuditAsync(auditJson);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED", PlanPatience);
        return (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(_dbPath + suffix); } catch (IOException) { }
    }
}
