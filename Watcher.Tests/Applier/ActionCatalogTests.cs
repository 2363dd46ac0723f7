using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Tests.Applier;

public sealed class ActionCatalogTests
{
    [Fact]
    public async Task TheApplierRegisters_TheActionTypesBuiltSoFar()
    {
        await using var harness = new ApplierHarness();
        var catalog = harness.Services.GetRequiredService<PluginCatalog<IAction>>();
        Assert.Equal(["migrate", "change_nova_service_state", "nop", "sleep", "stop"], catalog.Names);
    }
}
