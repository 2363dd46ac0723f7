using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud.OpenStack.Placement;

namespace Watcher.Tests.Cloud.OpenStack;

public sealed class PlacementClientTests
{
    private const string Fake3 = "dd20aa9d-cb10-4109-a830-4df7e69e0e14";
    private readonly StubOpenStack _stub = StubOpenStack.WithLab();

    private PlacementClient Placement() => OpenStackTestHost.Build(_stub, null).GetRequiredService<PlacementClient>();

    [Fact]
    public async Task ProvidersInventoriesAndUsages_AreRead_WithThePlacementMicroversion()
    {
        var placement = Placement();

        var providers = await placement.ListResourceProvidersAsync();
        var inventory = await placement.GetInventoriesAsync(Fake3);
        var usages = await placement.GetUsagesAsync(Fake3);

        Assert.Equal(["fake-1", "fake-2", "fake-3"], providers.Select(p => p.Name).Order());
        Assert.Equal((32768, 512, 1.5), (inventory["MEMORY_MB"].Total, inventory["MEMORY_MB"].Reserved, inventory["MEMORY_MB"].AllocationRatio));
        Assert.Equal(3, usages.Count);
        Assert.All(_stub.To("/resource_providers"), r => Assert.Equal("placement 1.29", r.Header("OpenStack-API-Version")));
    }

    [Fact]
    public async Task AProviderPlacementDoesNotKnow_HasNoInventoryOrUsage()
    {
        _stub.On(HttpMethod.Get, "/resource_providers/nobody", _ => StubOpenStack.Json(404,
            """{"errors": [{"status": 404, "title": "Not Found", "detail": "No resource provider with uuid nobody found"}]}"""));
        var placement = Placement();

        Assert.Empty(await placement.GetInventoriesAsync("nobody"));
        Assert.Empty(await placement.GetUsagesAsync("nobody"));
    }
}
