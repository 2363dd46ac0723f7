using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MediatR;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// What an operator sees of the applier while plans run: progress, plans on the same hosts kept apart, the compute
/// model counting migrations in flight, and a simulated cloud that keeps its state across restarts.
/// </summary>
public sealed class ApplierOperationsTests : IDisposable
{
    private const string Scenario = "lifecycle_host_maintenance.json";
    private readonly string _db = Path.Combine(Path.GetTempPath(), $"watcher-ops-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        WatcherAppFactory.DeleteDatabase(_db);
    }

    private WatcherAppFactory Factory(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:Watcher"] = $"Data Source={_db}" };
        foreach (var (k, v) in extra ?? []) settings[k] = v;
        return new WatcherAppFactory(Scenario, settings);
    }

    private static async Task<string> MaintenancePlanAsync(HttpClient client, string parameters)
    {
        var audit = await client.CreateAuditAsync($$"""
            {"audit_type": "ONESHOT", "goal": "cluster_maintaining", "strategy": "host_maintenance", "force": true, "parameters": {{parameters}}}
            """);
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        return (string)Assert.Single(await client.PlansOfAsync(audit))["uuid"]!;
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"gave up waiting for {what}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task WhileAPlanMigrates_ProgressShowsIt_TheModelCountsTheMigrationOnBothHosts_AndAPlanOnTheSameHostIsRefused()
    {
        using var factory = Factory(new()
        {
            ["Watcher:Simulator:LiveMigrationSeconds"] = "600", ["Watcher:Applier:ConflictingPlans"] = "refuse",
            ["Watcher:Applier:Workers"] = "2", ["Watcher:Applier:CancellationPollInterval"] = "0.1",
        });
        var client = factory.Operator();
        var draining = await MaintenancePlanAsync(client, """{"maintenance_node": "compute-1", "backup_node": "compute-2"}""");
        var sameHost = await MaintenancePlanAsync(client, """{"maintenance_node": "compute-2"}""");
        var elsewhere = await MaintenancePlanAsync(client, """{"maintenance_node": "compute-3"}""");

        await client.StartPlanAsync(draining);
        await UntilAsync(async () => (int)(await client.GetAsync($"/progress/action_plans/{draining}").ExpectJson())["running"]! == 2, "both migrations running");

        var progress = await client.GetAsync($"/progress/action_plans/{draining}").ExpectJson();
        Assert.Equal(("ONGOING", 3, 1, 0, 2, 0), ((string?)progress["state"], (int)progress["total"]!, (int)progress["done"]!, (int)progress["failed"]!,
            (int)progress["left"]!, (int)progress["pending"]!));
        Assert.All(progress["running_actions"]!.AsArray(), a => Assert.Equal("migrate", (string?)a!["action_type"]));
        await client.GetAsync($"/progress/action_plans/{Guid.NewGuid()}").ExpectError(404);

        // The model holds both servers on compute-2 already: 2 vCPU of vm-3 plus 2 x 2 in flight.
        var mediator = factory.Services.GetRequiredService<IMediator>();
        await UntilAsync(async () => (await mediator.Send(new GetComputeModel())) is var m && m.UsedResources(m.GetNodeByHostname("compute-2")).Vcpus == 6,
            "the model counting the migrations in flight");

        var refusal = await client.PostJson($"/v1/action_plans/{sameHost}/start", "{}").ExpectError(409);
        Assert.Contains($"acts on resources of action plan {draining} (ONGOING): host compute-2", refusal);
        Assert.Equal("RECOMMENDED", (string?)(await client.GetAsync($"/v1/action_plans/{sameHost}").ExpectJson())["state"]);
        await client.StartPlanAsync(elsewhere);   // disjoint: runs beside the draining plan
        await client.PollStateAsync($"/v1/action_plans/{elsewhere}", "SUCCEEDED");
        Assert.Equal("ONGOING", (string?)(await client.GetAsync($"/v1/action_plans/{draining}").ExpectJson())["state"]);

        await client.Replace($"/v1/action_plans/{draining}", "/state", "CANCELLING").ExpectJson();
        await client.PollStateAsync($"/v1/action_plans/{draining}", "CANCELLED");
        var servers = await factory.Services.GetRequiredService<IComputeCloud>().ListServersAsync();
        Assert.All(servers.Where(s => s.Name is "vm-1" or "vm-2"), s => Assert.Equal(("compute-1", "ACTIVE"), (s.Host, s.Status)));   // aborted
    }

    [Fact]
    public async Task TwentyConcurrentStartsOfOnePlan_ExecuteItOnce()
    {
        using var factory = Factory(new() { ["Watcher:Applier:Workers"] = "4" });
        var client = factory.Operator();
        var plan = await MaintenancePlanAsync(client, """{"maintenance_node": "compute-1", "backup_node": "compute-2"}""");

        var calls = Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? client.PostJson($"/v1/action_plans/{plan}/start", "{}")
            : client.PatchJson($"/v1/action_plans/{plan}", """[{"op": "replace", "path": "/state", "value": "PENDING"}]"""));
        var answers = await Task.WhenAll(calls);
        await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED");

        Assert.Contains(answers, a => a.IsSuccessStatusCode);
        Assert.All(answers, a => Assert.True((int)a.StatusCode < 500, $"{(int)a.StatusCode}"));
        using var log = new SqliteConnection($"Data Source={Path.ChangeExtension(_db, ".simulator.db")};Mode=ReadOnly;Pooling=False");
        log.Open();
        using var command = log.CreateCommand();
        command.CommandText = "SELECT COUNT(*), COUNT(DISTINCT server_id) FROM migrations";
        using var reader = command.ExecuteReader();
        reader.Read();
        Assert.Equal((2L, 2L), (reader.GetInt64(0), reader.GetInt64(1)));   // vm-1 and vm-2, once each
    }

    [Fact]
    public async Task TheSimulatedCloud_KeepsItsStateAcrossARestartOnTheSameDatabase()
    {
        using (var first = Factory())
        {
            var client = first.Operator();
            var plan = await MaintenancePlanAsync(client, """{"maintenance_node": "compute-1", "backup_node": "compute-2"}""");
            await client.StartPlanAsync(plan);
            await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED");
        }
        SqliteConnection.ClearAllPools();

        using var second = Factory();
        var cloud = second.Services.GetRequiredService<IComputeCloud>();
        var servers = (await cloud.ListServersAsync()).ToDictionary(s => s.Name);
        var compute1 = (await cloud.ListComputeServicesAsync()).Single(s => s.Host == "compute-1");

        Assert.Equal(("compute-2", "compute-2"), (servers["vm-1"].Host, servers["vm-2"].Host));
        Assert.Equal(("disabled", "watcher_maintaining"), (compute1.Status, compute1.DisabledReason));
        Assert.True(File.Exists(Path.ChangeExtension(_db, ".simulator.db")));
    }
}
