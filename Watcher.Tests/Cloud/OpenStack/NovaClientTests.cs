using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.OpenStack.Nova;

namespace Watcher.Tests.Cloud.OpenStack;

public sealed class NovaClientTests
{
    private readonly StubOpenStack _stub = StubOpenStack.WithLab();

    private NovaClient Nova(params (string, string?)[] settings) =>
        OpenStackTestHost.Build(_stub, null, settings).GetRequiredService<NovaClient>();

    [Fact]
    public async Task EveryCall_CarriesTheTokenAndTheNegotiatedMicroversion()
    {
        var nova = Nova();

        await nova.ListComputeServicesAsync();

        var call = _stub.To("/v2.1/os-services").Single();
        Assert.Equal("service-token-1", call.Header("X-Auth-Token"));
        Assert.Equal("2.56", call.Header("X-OpenStack-Nova-API-Version"));
        Assert.Equal("compute 2.56", call.Header("OpenStack-API-Version"));
        Assert.Equal(new Version(2, 56), nova.Microversion);
        Assert.Single(_stub.To("/v2.1/").Where(r => r.PathAndQuery == "/v2.1/"));   // version document read once
    }

    [Fact]
    public async Task AMicroversionTheEndpointLacks_IsRefusedNamingBothRanges()
    {
        var error = await Assert.ThrowsAsync<CloudException>(() => Nova(("Watcher:Nova:ApiVersion", "2.96")).ListComputeServicesAsync());

        Assert.Equal("Nova (http://127.0.0.1:18774/v2.1) supports compute microversions 2.1..2.93; Watcher:Nova:ApiVersion asks for 2.96",
            error.Message);
    }

    [Fact]
    public async Task Servers_OfAllProjects_AreReadPageByPage()
    {
        var all = JsonNode.Parse(StubOpenStack.Recorded("nova-servers-detail.json"))!["servers"]!.AsArray();
        _stub.On(HttpMethod.Get, "/v2.1/servers/detail", r =>
        {
            var second = r.PathAndQuery.Contains("marker=");
            var page = new JsonArray(all.Skip(second ? 2 : 0).Take(2).Select(s => s!.DeepClone()).ToArray());
            var body = new JsonObject { ["servers"] = page };
            if (!second) body["servers_links"] = new JsonArray(new JsonObject { ["rel"] = "next", ["href"] = "http://x/next" });
            return StubOpenStack.Json(200, body.ToJsonString());
        });

        var servers = await Nova(("Watcher:Nova:PageSize", "2")).ListServersAsync();

        Assert.Equal(["oslab-vm-4", "oslab-vm-3", "oslab-vm-2", "oslab-vm-1"], servers.Select(s => s.Name));
        var calls = _stub.To("/v2.1/servers/detail").Select(r => r.PathAndQuery).ToList();
        Assert.Equal("/v2.1/servers/detail?all_tenants=True&limit=2", calls[0]);
        Assert.Equal("/v2.1/servers/detail?all_tenants=True&limit=2&marker=dc6481a0-27cb-41f0-8afa-10878a169871", calls[1]);
    }

    [Fact]
    public async Task AMissingServer_IsNull_ARefusalCarriesNovasMessage()
    {
        _stub.On(HttpMethod.Get, "/v2.1/servers/0000", _ => StubOpenStack.Json(404, StubOpenStack.Recorded("nova-error-404.json")));
        _stub.On(HttpMethod.Post, "/v2.1/servers/", _ => StubOpenStack.Json(400, StubOpenStack.Recorded("nova-error-migrate-unknown-host.json")));
        var nova = Nova();

        Assert.Null(await nova.GetServerAsync("00000000-0000-0000-0000-000000000000"));
        var refused = await Assert.ThrowsAsync<CloudException>(() =>
            nova.ServerActionAsync("9911e9fc-e5b3-45ac-b277-9355be5a780e", new JsonObject { ["os-migrateLive"] = new JsonObject { ["host"] = "nowhere" } }));
        Assert.Equal("Nova answered 400 to POST /servers/9911e9fc-e5b3-45ac-b277-9355be5a780e/action: Compute host nowhere could not be found.",
            refused.Message);
        Assert.Equal(400, refused.StatusCode);
    }

    [Fact]
    public async Task Reads_AreRetriedOn503_WritesAreNot()
    {
        var reads = 0;
        _stub.On(HttpMethod.Get, "/v2.1/os-services", _ => ++reads < 3
            ? StubOpenStack.Json(503, "Service Unavailable")
            : StubOpenStack.Json(200, StubOpenStack.Recorded("nova-services.json")));
        _stub.On(HttpMethod.Post, "/v2.1/servers/", _ => StubOpenStack.Json(503, "Service Unavailable"));
        var nova = Nova();

        Assert.Equal(3, (await nova.ListComputeServicesAsync()).Count);
        var write = await Assert.ThrowsAsync<CloudUnavailableException>(() =>
            nova.ServerActionAsync("s1", new JsonObject { ["os-stop"] = null }));

        Assert.Equal(3, reads);
        Assert.Single(_stub.To("/v2.1/servers/s1/action"));
        Assert.Equal("Nova answered 503 to POST /servers/s1/action: Service Unavailable", write.Message);
    }

    [Fact]
    public async Task AWrite_IsRetried_OnlyWhenItNeverReachedNova()
    {
        var attempts = 0;
        _stub.On(HttpMethod.Post, "/v2.1/servers/refused/action", _ => ++attempts == 1
            ? throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused")
            : StubOpenStack.Json(202, ""));
        _stub.On(HttpMethod.Post, "/v2.1/servers/lost/action", _ =>
            throw new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely"));
        var nova = Nova();

        await nova.ServerActionAsync("refused", new JsonObject { ["os-stop"] = null });
        var lost = await Assert.ThrowsAsync<CloudUnavailableException>(() => nova.ServerActionAsync("lost", new JsonObject { ["os-stop"] = null }));

        Assert.Equal(2, attempts);
        Assert.Single(_stub.To("/v2.1/servers/lost/action"));
        Assert.Equal("Nova (http://127.0.0.1:18774/v2.1) is unreachable: connection closed before the answer came", lost.Message);
    }

    [Fact]
    public async Task AnExpiredToken_IsRenewedOnce_OnA401()
    {
        var first = true;
        _stub.On(HttpMethod.Get, "/v2.1/os-aggregates", _ =>
        {
            if (!first) return StubOpenStack.Json(200, StubOpenStack.Recorded("nova-aggregates.json"));
            first = false;
            return StubOpenStack.Json(401, """{"error": {"message": "The request you have made requires authentication."}}""");
        });

        var aggregates = await Nova().ListAggregatesAsync();

        Assert.Equal(["rec-agg"], aggregates.Select(a => a.Name));
        Assert.Equal(2, _stub.To("/v3/auth/tokens").Count());
    }

    [Fact]
    public async Task FlavorsGroupsZonesAggregatesAndMigrations_AreRead()
    {
        var nova = Nova();

        var flavors = await nova.ListFlavorsAsync();
        var groups = await nova.ListServerGroupsAsync();
        var zones = await nova.ListAvailabilityZonesAsync();
        var aggregates = await nova.ListAggregatesAsync();
        var migrations = await nova.ListMigrationsOfAsync("9911e9fc-e5b3-45ac-b277-9355be5a780e");

        Assert.Contains(flavors, f => f is { Name: "m1.large", Vcpus: 4, Ram: 8192, Disk: 80, Swap: 0 });
        Assert.Equal(["anti-affinity", "anti-affinity"], groups.Select(g => g.EffectivePolicy));
        Assert.Equal(["fake-1", "fake-2", "fake-3"], zones.Single(z => z.ZoneName == "nova").Hosts!.Keys.Order());
        Assert.Equal(["fake-1"], aggregates.Single().Hosts);
        Assert.Equal("completed", migrations[0].Status);
        Assert.False(migrations[0].InProgress);
        Assert.Contains("instance_uuid=9911e9fc-e5b3-45ac-b277-9355be5a780e", _stub.To("/v2.1/os-migrations").Single().PathAndQuery);
    }

    [Fact]
    public async Task NovaDown_IsUnavailable_NamingTheEndpoint_AfterTheRetries()
    {
        var port = FreePort.Get();
        using var provider = OpenStackTestHost.Build(_stub, ["keystone"], null,
            ("Watcher:Nova:EndpointOverride", $"http://127.0.0.1:{port}/v2.1"), ("Watcher:Nova:HttpRetries", "2"));

        var error = await Assert.ThrowsAsync<CloudUnavailableException>(() => provider.GetRequiredService<NovaClient>().ListComputeServicesAsync());

        Assert.Equal($"Nova (http://127.0.0.1:{port}/v2.1) is unreachable: connection refused", error.Message);
    }
}
