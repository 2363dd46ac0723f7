using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>GET /v1/data_model?data_model_type=storage on the embedded cloud (Scenarios/sim_storage.json).</summary>
public sealed class StorageDataModelTests : IDisposable
{
    private readonly WatcherAppFactory _app = new("sim_storage.json");

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task StorageModel_HasOneRowPerNodePoolAndVolume()
    {
        var client = _app.Operator();
        var rows = (await client.GetAsync("/v1/data_model?data_model_type=storage").ExpectJson())["context"]!.AsArray();
        Assert.Equal(4, rows.Count);   // st-a: 2 volumes; st-b: 1 (placed by the scheduler); st-c: an empty pool
        Assert.Equal(["st-a@lvm#p0", "st-a@lvm#p0", "st-b@lvm2#p0", "st-c@thin#p0"], rows.Select(r => r!["pool_name"]!.GetValue<string>()));
        var attached = rows[1]!;
        Assert.Equal("d0000000-0000-4000-8000-000000000002", attached["volume_uuid"]!.GetValue<string>());
        Assert.Equal("5e000000-0000-4000-8000-000000000001", attached["volume_attachments"]![0]!["server_id"]!.GetValue<string>());
        Assert.Equal("lvm", attached["volume_volume_type"]!.GetValue<string>());
        Assert.Equal(50, rows[0]!["pool_free_capacity_gb"]!.GetValue<double>());
        Assert.False(rows[3]!.AsObject().ContainsKey("volume_uuid"));
        Assert.All(rows, r => Assert.All(r!.AsObject(), p => Assert.Matches("^(node|pool|volume)_", p.Key)));
    }

    [Fact]
    public async Task StorageModel_WithAudit_AppliesItsStorageScope()
    {
        var client = _app.Operator();
        var template = await client.PostJson("/v1/audit_templates", """
            {"name": "t", "goal": "dummy",
             "scope": [{"storage": [{"availability_zones": [{"name": "az1"}]}, {"exclude": [{"storage_pools": [{"name": "st-b@lvm2#p0"}]}]}]}]}
            """).ExpectJson(201);
        var audit = await client.PostJson("/v1/audits",
            $$$"""{"audit_type": "ONESHOT", "audit_template_uuid": "{{{template["uuid"]}}}"}""").ExpectJson(201);
        var rows = (await client.GetAsync($"/v1/data_model?data_model_type=storage&audit_uuid={audit["uuid"]}").ExpectJson())["context"]!.AsArray();
        // st-c is in az2; st-b's pool is excluded, leaving its backend without pools.
        Assert.Equal(["st-a@lvm", "st-a@lvm", "st-b@lvm2"], rows.Select(r => r!["node_host"]!.GetValue<string>()));
        Assert.False(rows[2]!.AsObject().ContainsKey("pool_name"));
    }

    [Fact]
    public async Task BaremetalModel_IsNotOnTheApi_AsUpstream()
    {
        Assert.Equal("The baremetal data model could not be found",
            await _app.Operator().GetAsync("/v1/data_model?data_model_type=baremetal").ExpectError(404));
    }
}
