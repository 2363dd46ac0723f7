using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.ClusterModel;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.ClusterModel.Notifications;
using Watcher.Tests.Cloud.OpenStack;
using Watcher.Tests.Support;

namespace Watcher.Tests.ClusterModel;

/// <summary>Nova's versioned notifications, as recorded from the lab's RabbitMQ, applied to a model built from its recorded APIs.</summary>
public sealed class NovaNotificationHandlerTests
{
    private const string Probe = "4eea99e2-5aee-4121-b24c-4f956364c714";   // the server the recordings boot, move and delete
    private readonly StubOpenStack _stub = StubOpenStack.WithLab();
    private readonly ServiceProvider _provider;

    public NovaNotificationHandlerTests()
    {
        _provider = OpenStackTestHost.Build(_stub, null, null, (services, configuration) => services.AddClusterModel(configuration));
    }

    private ComputeModelStore Store => _provider.GetRequiredService<ComputeModelStore>();
    private Task<bool> Handle(string file) => Handle(Notification(file));
    private Task<bool> Handle(NovaNotification n) => _provider.GetRequiredService<NovaNotificationHandler>().HandleAsync(n, default);

    public static NovaNotification Notification(string file) =>
        NovaNotification.Parse(File.ReadAllBytes(Path.Combine(TestPaths.RepositoryRoot, "Watcher.Tests", "ClusterModel", "Recorded", file)))!;

    [Fact]
    public void Parse_ReadsTheOsloEnvelope()
    {
        var n = Notification("nova-instance-create-end.json");

        Assert.Equal(("instance.create.end", "nova-compute:fake-2"), (n.EventType, n.PublisherId));
        Assert.Equal(new Version(1, 12), n.PayloadVersion);
        Assert.Equal(Probe, n.Data["uuid"]!.GetValue<string>());
        Assert.Null(NovaNotification.Parse("not json"u8));
        Assert.Null(NovaNotification.Parse("""{"oslo.version": "2.0", "oslo.message": "{\"event_type\": \"x\"}"}"""u8));
    }

    [Fact]
    public async Task BeforeAnyModelIsBuilt_NotificationsAreIgnored()
    {
        Assert.False(await Handle("nova-instance-create-end.json"));
        Assert.False(Store.IsBuilt);
    }

    [Fact]
    public async Task InstanceCreated_AppearsOnItsHost_WithItsFlavorFootprint()
    {
        await Store.GetCopyAsync(default);

        Assert.True(await Handle("nova-instance-create-end.json"));

        var model = await Store.GetCopyAsync(default);
        var instance = model.FindInstance(Probe)!;
        Assert.Equal(("notif-probe", "active", "c30b987987f9409383ca311589546e32"), (instance.Name, instance.State, instance.ProjectId));
        Assert.Equal((1, 512, 1), (instance.Vcpus, instance.Memory, instance.Disk));
        Assert.Equal("fake-2", model.NodeOf(instance)!.Hostname);
    }

    [Fact]
    public async Task LiveMigrationPostDest_MovesTheInstance_DeleteEnd_RemovesIt()
    {
        await Store.GetCopyAsync(default);
        await Handle("nova-instance-create-end.json");

        await Handle("nova-instance-live-migration-post-dest-end.json");
        Assert.Equal("fake-3", (await Store.GetCopyAsync(default)).NodeOf((await Store.GetCopyAsync(default)).FindInstance(Probe)!)!.Hostname);

        await Handle("nova-instance-delete-end.json");
        Assert.Null((await Store.GetCopyAsync(default)).FindInstance(Probe));
    }

    [Fact]
    public async Task ServiceUpdate_DisablesAndEnablesTheNode_WithItsReason()
    {
        await Store.GetCopyAsync(default);

        await Handle("nova-service-update-disabled.json");
        var disabled = (await Store.GetCopyAsync(default)).GetNodeByHostname("fake-3");
        await Handle("nova-service-update-enabled.json");
        var enabled = (await Store.GetCopyAsync(default)).GetNodeByHostname("fake-3");

        Assert.Equal((NodeStatus.Disabled, "probe"), (disabled.Status, disabled.DisabledReason));
        Assert.Equal((NodeStatus.Enabled, (string?)null), (enabled.Status, enabled.DisabledReason));
    }

    [Fact]
    public async Task AnInstanceOnAHostTheModelLacks_FetchesThatHostFromTheCloud()
    {
        await Store.GetCopyAsync(default);
        await Store.ApplyAsync((model, _) =>
        {
            model.RemoveNode(model.GetNodeByHostname("fake-2"));
            return Task.CompletedTask;
        }, default);
        _stub.On(HttpMethod.Get, "/v2.1/os-hypervisors/detail?hypervisor_hostname_pattern=fake-2", _ =>
        {
            var doc = JsonNode.Parse(StubOpenStack.Recorded("nova-hypervisors-detail.json"))!;
            var only = doc["hypervisors"]!.AsArray().Where(h => h!["hypervisor_hostname"]!.GetValue<string>() == "fake-2").Select(h => h!.DeepClone()).ToArray();
            return StubOpenStack.Json(200, new JsonObject { ["hypervisors"] = new JsonArray(only) }.ToJsonString());
        });

        await Handle("nova-instance-create-end.json");

        var model = await Store.GetCopyAsync(default);
        Assert.Equal("b3955b44-d0eb-4cb6-a3fc-3198afda0b28", model.NodeOf(model.FindInstance(Probe)!)!.Uuid);
        Assert.Equal(1.5, model.GetNodeByHostname("fake-2").MemoryRatio);   // with Placement's capacity
    }

    [Fact]
    public async Task OtherEvents_AndUpdatesOfBuildingInstances_AreIgnored()
    {
        await Store.GetCopyAsync(default);

        Assert.False(await Handle("nova-scheduler-select-destinations-end.json"));
        Assert.False(await Handle("nova-instance-create-start.json"));
        var building = Notification("nova-instance-create-end.json") with { EventType = "instance.update" };
        building.Data["state"] = "building";
        Assert.False(await Handle(building));
        var foreign = Notification("nova-instance-create-end.json") with { PublisherId = "cinder-volume:x" };
        Assert.False(await Handle(foreign));
        Assert.Null((await Store.GetCopyAsync(default)).FindInstance(Probe));
    }
}
