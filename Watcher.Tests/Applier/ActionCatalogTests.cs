using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Tests.Applier;

public sealed class ActionCatalogTests
{
    [Fact]
    public async Task TheApplierRegisters_EveryActionTypeOfUpstream()
    {
        await using var harness = new ApplierHarness();
        var catalog = harness.Services.GetRequiredService<PluginCatalog<IAction>>();
        Assert.Equal(["change_node_power_state", "change_nova_service_state", "migrate", "nop", "resize", "sleep", "stop", "volume_migrate"],
            catalog.Names.Order(StringComparer.Ordinal));
    }
}
