using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Persistence;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

public abstract class OtherResourcesApiTests(DatabaseProvider provider) : IDisposable
{
    private readonly ApiFactory _app = new ApiFactory(provider).WithCatalog();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Services_ListTheDecisionEnginesAndAppliers_NotAnApiRow()
    {
        var now = _app.Time.Now.UtcDateTime;
        _app.Seed(db => db.Services.Add(new Service { Name = "watcher-api", Host = "old-host", LastSeenUp = now }));
        var client = _app.Client();
        var names = (await client.GetAsync("/v1/services/detail").ExpectJson())["services"]!.AsArray()
            .Select(s => s!["name"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("watcher-api", names);
        Assert.All(names, n => Assert.Contains(n, new[] { "watcher-decision-engine", "watcher-applier" }));
        await client.GetAsync("/v1/services/watcher-api").ExpectError(404);
    }

    [Fact]
    public async Task Services_AreActiveWithinServiceDownTime_AndFailedAfter()
    {
        var now = _app.Time.Now.UtcDateTime;
        _app.Seed(db =>
        {
            db.Services.Add(new Service { Name = "watcher-decision-engine", Host = "h", LastSeenUp = now.AddSeconds(-30) });
            db.Services.Add(new Service { Name = "watcher-applier", Host = "h", LastSeenUp = now.AddSeconds(-91) });
        });
        var client = _app.Client();
        var list = await client.GetAsync("/v1/services?sort_key=name").ExpectJson();
        // Only the seeded host: the service's own heartbeat rows (this machine's name) are not part of this case.
        var services = new JsonArray(list["services"]!.AsArray().Where(s => s!["host"]!.GetValue<string>() == "h")
            .Select(s => s!.DeepClone()).ToArray());
        Assert.Equal(["watcher-applier", "watcher-decision-engine"], services.Select(s => s!["name"]!.GetValue<string>()));
        Assert.Equal(["FAILED", "ACTIVE"], services.Select(s => s!["status"]!.GetValue<string>()));
        var byName = await client.GetAsync("/v1/services/watcher-decision-engine").ExpectJson();
        var id = byName["id"]!.GetValue<int>();
        Assert.EndsWith($"/v1/services/{id}", byName["links"]![0]!["href"]!.GetValue<string>());
        Assert.Equal("watcher-decision-engine", (await client.GetAsync($"/v1/services/{id}").ExpectJson())["name"]!.GetValue<string>());
        _app.Time.Now = _app.Time.Now.AddMinutes(5);
        Assert.Equal("FAILED", (await client.GetAsync($"/v1/services/{id}").ExpectJson())["status"]!.GetValue<string>());
        Assert.Equal("The service nope cannot be found.", await client.GetAsync("/v1/services/nope").ExpectError(404));
    }

    [Fact]
    public async Task ScoringEngines_AreSyncedFromCode_AndFoundByNameOrUuid()
    {
        var client = _app.Client();
        var list = (await client.GetAsync("/v1/scoring_engines").ExpectJson())["scoring_engines"]!.AsArray();
        Assert.Equal(["dummy_scorer", "dummy_min_scorer", "dummy_max_scorer", "dummy_avg_scorer"],
            list.Select(e => e!["name"]!.GetValue<string>()));
        Assert.Null(list[0]!["metainfo"]);   // short form
        var engine = await client.GetAsync("/v1/scoring_engines/dummy_scorer").ExpectJson();
        Assert.Equal("Dummy workload classifier", engine["description"]!.GetValue<string>());
        Assert.Equal(["idle", "cpu-intensive", "memory-intensive", "disk-intensive"],
            JsonNode.Parse(engine["metainfo"]!.GetValue<string>())!["workloads"]!.AsArray().Select(w => w!.GetValue<string>()));
        var average = await client.GetAsync($"/v1/scoring_engines/{list[3]!["uuid"]}").ExpectJson();
        Assert.Equal("", average["metainfo"]!.GetValue<string>());
        await client.GetAsync("/v1/scoring_engines/nope").ExpectError(404);
    }

    [Fact]
    public async Task Webhook_TriggersEventAudits_AndRefusesOthers()
    {
        var client = _app.Client("1.4");
        var oneshot = await client.PostJson("/v1/audits", """{"audit_type": "ONESHOT", "goal": "dummy", "name": "one"}""").ExpectJson(201);
        var evt = await client.PostJson("/v1/audits", """{"audit_type": "EVENT", "goal": "dummy", "name": "evt"}""").ExpectJson(201);
        var response = await client.PostJson("/v1/webhooks/evt", """{"alarm": "x"}""");
        Assert.Equal(202, (int)response.StatusCode);
        Assert.Single(_app.Published.OfType<TriggerAudit>(), t => t.AuditUuid == evt["uuid"]!.GetValue<string>());
        Assert.Equal("Audit type ONESHOT is disallowed.", await client.PostJson("/v1/webhooks/one", "").ExpectError(400));
        await client.Replace("/v1/audits/evt", "/state", "CANCELLED").ExpectJson();
        Assert.Equal("Audit state CANCELLED is disallowed.", await client.PostJson("/v1/webhooks/evt", "").ExpectError(400));
        await client.PostJson("/v1/webhooks/missing", "").ExpectError(404);
        Assert.NotNull(oneshot);
    }

    private void SeedModel()
    {
        var model = new ComputeModel();
        var n1 = new ComputeNode { Uuid = "b-node", Hostname = "compute-2", Vcpus = 16, Memory = 32768, Disk = 500, AvailabilityZone = "az2" };
        var n2 = new ComputeNode { Uuid = "a-node", Hostname = "compute-1", Vcpus = 16, Memory = 32768, Disk = 500, AvailabilityZone = "az1" };
        model.AddNode(n1);
        model.AddNode(n2);
        foreach (var (uuid, node) in new[] { ("vm-b", n2), ("vm-a", n2) })
        {
            var instance = new Instance { Uuid = uuid, Name = uuid, Vcpus = 2, Memory = 2048, Disk = 20, ProjectId = "p1" };
            model.AddInstance(instance);
            model.MapInstance(instance, node);
        }
        _app.Model = model;
    }

    [Fact]
    public async Task DataModel_Below13_Is406()
    {
        await _app.Client("1.2").GetAsync("/v1/data_model?data_model_type=compute").ExpectError(406);
    }

    [Fact]
    public async Task DataModel_HasOneRowPerNodeAndInstance_SortedByUuid_WithWhitelistedKeys()
    {
        SeedModel();
        var rows = (await _app.Client("1.5").GetAsync("/v1/data_model/?data_model_type=compute").ExpectJson())["context"]!.AsArray();
        Assert.Equal(3, rows.Count);
        Assert.Equal(["a-node", "a-node", "b-node"], rows.Select(r => r!["node_uuid"]!.GetValue<string>()));
        Assert.Equal("vm-a", rows[0]!["server_uuid"]!.GetValue<string>());
        Assert.False(rows[2]!.AsObject().ContainsKey("server_uuid"));
        Assert.Equal(16, rows[0]!["node_vcpus"]!.GetValue<int>());
        Assert.False(rows[0]!.AsObject().ContainsKey("server_pinned_az"));
        Assert.All(rows, r => Assert.All(r!.AsObject(), p => Assert.True(p.Key.StartsWith("node_") || p.Key.StartsWith("server_"))));
        var v16 = (await _app.Client("1.6").GetAsync("/v1/data_model").ExpectJson())["context"]!.AsArray();
        Assert.True(v16[0]!.AsObject().ContainsKey("server_pinned_az"));
        Assert.Equal("The baremetal data model could not be found",
            await _app.Client("1.6").GetAsync("/v1/data_model?data_model_type=baremetal").ExpectError(404));
    }

    [Fact]
    public async Task DataModel_WithAudit_AppliesItsScope()
    {
        SeedModel();
        var client = _app.Client("1.7");
        var template = await client.PostJson("/v1/audit_templates",
            """{"name": "t", "goal": "dummy", "scope": [{"compute": [{"availability_zones": [{"name": "az1"}]}, {"exclude": [{"instances": [{"uuid": "vm-b"}]}]}]}]}""").ExpectJson(201);
        var audit = await client.PostJson("/v1/audits",
            $$$"""{"audit_type": "ONESHOT", "audit_template_uuid": "{{{template["uuid"]}}}"}""").ExpectJson(201);
        var rows = (await client.GetAsync($"/v1/data_model?audit_uuid={audit["uuid"]}").ExpectJson())["context"]!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("compute-1", r!["node_hostname"]!.GetValue<string>()));
        Assert.True(rows.Single(r => r!["server_uuid"]!.GetValue<string>() == "vm-b")!["server_watcher_exclude"]!.GetValue<bool>());
        Assert.Equal("Expected a uuid or int but received x-y",
            await client.GetAsync("/v1/data_model?audit_uuid=x-y").ExpectError(400));
    }
}

public sealed class OtherResourcesApiTestsOnSqlite() : OtherResourcesApiTests(DatabaseProvider.Sqlite);

public sealed class OtherResourcesApiTestsOnPostgreSql() : OtherResourcesApiTests(DatabaseProvider.PostgreSql);
