using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Tests.ClusterModel;

public sealed class ComputeModelStoreTests
{
    private readonly FakeComputeCloud _cloud = ComputeModelCollectorTests.TwoNodeCloud();
    private readonly ComputeModelStore _store;

    public ComputeModelStoreTests()
    {
        var services = new ServiceCollection()
            .AddSingleton<IComputeCloud>(_cloud)
            .AddTransient<ComputeModelCollector>()
            .BuildServiceProvider();
        _store = new ComputeModelStore(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<ComputeModelStore>.Instance);
    }

    private Task<ComputeModel> Get() => new GetComputeModelHandler(_store).Handle(new GetComputeModel(), default);

    private Task Changed() =>
        new ClusterChangedHandler(_store, NullLogger<ClusterChangedHandler>.Instance).Handle(new ClusterChanged("test"), default);

    [Fact]
    public async Task GetComputeModel_BuildsOnFirstRequestThenReusesTheModel()
    {
        Assert.Equal(0, _cloud.ListCalls);

        await Get();
        await Get();

        Assert.Equal(1, _cloud.ListCalls);
    }

    [Fact]
    public async Task GetComputeModel_ReturnsIndependentCopies()
    {
        var first = await Get();
        var vm = first.FindInstance("vm-1")!;
        first.MigrateInstance(vm, first.GetNode("node-1"), first.GetNode("node-2"));
        first.GetNode("node-1").Status = NodeStatus.Disabled;
        vm.Metadata["optimize"] = "no";

        var second = await Get();

        Assert.Equal("node-1", second.NodeOf(second.FindInstance("vm-1")!)!.Uuid);
        Assert.True(second.GetNode("node-1").IsEnabled);
        Assert.Equal("True", second.FindInstance("vm-1")!.Metadata["optimize"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClusterChanged_RebuildsTheModelFromTheCloud()
    {
        await Get();
        _cloud.Servers.RemoveAll(s => s.Id == "vm-3");

        await Changed();

        Assert.Null((await Get()).FindInstance("vm-3"));
    }

    [Fact]
    public async Task ARebuild_DropsHostsThatLeftTheCloud_WithTheirServers()
    {
        await Get();
        _cloud.Hypervisors.RemoveAll(h => h.Uuid == "node-2");

        await _store.RebuildAsync(default);

        var model = await Get();
        Assert.Null(model.FindNode("node-2"));
        Assert.Null(model.FindInstance("vm-3"));
        Assert.Equal(2, _store.Builds);
    }

    [Fact]
    public async Task ClusterChanged_BeforeAnyRequest_BuildsNothing()
    {
        await Changed();

        Assert.Equal(0, _cloud.ListCalls);
    }

    [Fact]
    public async Task GetComputeModel_AfterAFailedRebuild_ThrowsClusterStateIsStale()
    {
        await Get();
        _cloud.Unreachable = true;

        await Assert.ThrowsAsync<CloudException>(() => _store.RebuildAsync(default));

        var error = await Assert.ThrowsAsync<ClusterStateStaleException>(Get);
        Assert.Equal("The cluster state is stale: Nova is unreachable", error.Message);
    }

    [Fact]
    public async Task GetComputeModel_WhenStaleAndTheCloudIsBack_RebuildsInsteadOfRefusing()
    {
        await Get();
        _cloud.Unreachable = true;
        await Changed();   // stale
        _cloud.Unreachable = false;
        _cloud.Servers.RemoveAt(0);

        Assert.Equal(2, (await Get()).Instances.Count);
    }

    [Fact]
    public async Task GetComputeModel_AfterTheNextSuccessfulRebuild_IsServedAgain()
    {
        await Get();
        _cloud.Unreachable = true;
        await Changed();   // the failure is swallowed by the handler, the model is stale
        await Assert.ThrowsAsync<ClusterStateStaleException>(Get);

        _cloud.Unreachable = false;
        await _store.RebuildAsync(default);

        Assert.Equal(3, (await Get()).Instances.Count);
    }

    [Fact]
    public async Task GetComputeModel_WhenTheFirstBuildFails_ReportsTheCloudErrorAndRetriesNextTime()
    {
        _cloud.Unreachable = true;
        var error = await Assert.ThrowsAsync<ComputeModelUnavailableException>(Get);
        Assert.Equal("The compute model could not be built: Nova is unreachable", error.Message);

        _cloud.Unreachable = false;
        Assert.Equal(2, (await Get()).Nodes.Count);
    }
}
