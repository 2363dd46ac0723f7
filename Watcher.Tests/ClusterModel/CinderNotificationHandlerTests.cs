using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.Cloud.Simulator.Storage;
using Watcher.Modules.ClusterModel;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.ClusterModel.Notifications;
using Watcher.Tests.Cloud.Simulator;
using Watcher.Tests.Support;

namespace Watcher.Tests.ClusterModel;

/// <summary>
/// Cinder's notifications applied to the storage model (reference §10.5) on sim_storage.json: pools st-a@lvm#p0,
/// st-b@lvm2#p0, st-c@thin#p0; vol-1 and vol-2 (attached to vm-1) on st-a; type lvm2 has id 7e…03.
/// </summary>
public class CinderNotificationHandlerTests
{
    private const string Lvm2TypeId = "7e000000-0000-4000-8000-000000000003";
    private const string Vm1 = "5e000000-0000-4000-8000-000000000001";
    private readonly StorageModelStore _store;
    private readonly CinderNotificationHandler _handler;

    public CinderNotificationHandlerTests()
    {
        var cinder = new SimulatedBlockStorage(Scenario.Load(TestPaths.TestScenario("sim_storage.json")), new StorageSimulatorOptions(), new ManualTimeProvider());
        var services = new ServiceCollection().AddSingleton<IBlockStorageCloud>(cinder).AddTransient<StorageModelCollector>().BuildServiceProvider();
        _store = new StorageModelStore(services.GetRequiredService<IServiceScopeFactory>(), NullLogger<StorageModelStore>.Instance);
        _handler = new CinderNotificationHandler(_store, cinder, NullLogger<CinderNotificationHandler>.Instance);
    }

    /// <summary>An event as Cinder's oslo.messaging notifier puts it on the bus.</summary>
    internal static byte[] Envelope(string eventType, string publisher, JsonObject payload) =>
        Encoding.UTF8.GetBytes(new JsonObject
        {
            ["oslo.version"] = "2.0",
            ["oslo.message"] = new JsonObject
            {
                ["message_id"] = Guid.NewGuid().ToString(), ["publisher_id"] = publisher, ["event_type"] = eventType,
                ["priority"] = "INFO", ["payload"] = payload, ["timestamp"] = "2026-11-30 21:00:00.000000",
            }.ToJsonString(),
        }.ToJsonString());

    internal static JsonObject VolumePayload(string id, string name, string host, string status = "available", int size = 5,
        string typeId = Lvm2TypeId, string? server = null) => new()
    {
        ["volume_id"] = id, ["display_name"] = name, ["size"] = size, ["status"] = status, ["host"] = host,
        ["tenant_id"] = "p9", ["volume_type"] = typeId, ["snapshot_id"] = null, ["created_at"] = "2026-11-30T20:00:00+00:00",
        ["metadata"] = new JsonArray(new JsonObject { ["key"] = "tier", ["value"] = "gold" }),
        ["volume_attachment"] = server is null ? new JsonArray()
            : new JsonArray(new JsonObject { ["id"] = "a9000000-0000-4000-8000-000000000001", ["instance_uuid"] = server }),
    };

    private async Task<bool> Send(string eventType, string publisher, JsonObject payload) =>
        await _handler.HandleAsync(CinderNotification.Parse(Envelope(eventType, publisher, payload))!, default);

    [Fact]
    public async Task BeforeTheModelIsBuilt_EventsAreIgnored()
    {
        Assert.False(await Send("volume.create.end", "volume.st-b@lvm2", VolumePayload("d9000000-0000-4000-8000-000000000001", "new", "st-b@lvm2#p0")));
        Assert.Null((await _store.GetCopyAsync(default)).FindVolume("d9000000-0000-4000-8000-000000000001"));
    }

    [Fact]
    public async Task VolumeCreated_IsAddedOnItsPool_WithTheTypesName_AndAttachments()
    {
        await _store.GetCopyAsync(default);

        Assert.True(await Send("volume.create.end", "volume.st-b@lvm2",
            VolumePayload("d9000000-0000-4000-8000-000000000001", "new", "st-b@lvm2#p0", "in-use", server: Vm1)));

        var volume = (await _store.GetCopyAsync(default)).FindVolume("d9000000-0000-4000-8000-000000000001")!;
        Assert.Equal(("new", 5, "in-use", "st-b@lvm2#p0", "lvm2", "p9"), (volume.Name, volume.Size, volume.Status, volume.Host, volume.VolumeType, volume.ProjectId));
        Assert.Equal([new VolumeAttachmentRef(Vm1, "a9000000-0000-4000-8000-000000000001")], volume.Attachments);
        Assert.Equal("gold", (string?)volume.Metadata["tier"]);
        Assert.False(volume.Bootable);
    }

    [Fact]
    public async Task DetachRetypeAndDelete_FollowTheVolume()
    {
        await _store.GetCopyAsync(default);
        const string vol2 = "d0000000-0000-4000-8000-000000000002";

        await Send("volume.detach.end", "volume.st-a@lvm", VolumePayload(vol2, "vol-2", "st-a@lvm#p0", size: 30));
        Assert.Empty((await _store.GetCopyAsync(default)).FindVolume(vol2)!.Attachments);

        await Send("volume.retype", "volume.st-b@lvm2", VolumePayload(vol2, "vol-2", "st-b@lvm2#p0", size: 30));
        var moved = (await _store.GetCopyAsync(default)).FindVolume(vol2)!;
        Assert.Equal(("st-b@lvm2#p0", "lvm2"), (moved.Host, moved.VolumeType));

        await Send("volume.delete.end", "volume.st-b@lvm2", VolumePayload(vol2, "vol-2", "st-b@lvm2#p0", "deleted", 30));
        Assert.Null((await _store.GetCopyAsync(default)).FindVolume(vol2));
    }

    [Fact]
    public async Task CapacityPool_SetsThePoolsFigures()
    {
        await _store.GetCopyAsync(default);

        Assert.True(await Send("capacity.pool", "capacity.st-b@lvm2#p0", new JsonObject
        {
            ["name_to_id"] = "st-b@lvm2#p0", ["total"] = 400, ["free"] = 120, ["provisioned"] = 280, ["allocated"] = 250, ["virtual_free"] = 120,
        }));

        var pool = (await _store.GetCopyAsync(default)).FindPool("st-b@lvm2#p0")!;
        Assert.Equal((400.0, 120.0, 280.0, 250.0, 120.0),
            (pool.TotalCapacityGb, pool.FreeCapacityGb, pool.ProvisionedCapacityGb, pool.AllocatedCapacityGb, pool.VirtualFree));
    }

    [Fact]
    public async Task OtherPublishers_UnknownPools_AndNovasEvents_ChangeNothing()
    {
        await _store.GetCopyAsync(default);

        Assert.False(await Send("volume.create.end", "nova-compute:host-a", VolumePayload("d9000000-0000-4000-8000-000000000002", "x", "st-b@lvm2#p0")));
        Assert.True(await Send("volume.create.end", "volume.gone@x", VolumePayload("d9000000-0000-4000-8000-000000000003", "y", "gone@x#p0")));
        Assert.Null((await _store.GetCopyAsync(default)).FindVolume("d9000000-0000-4000-8000-000000000003"));
        Assert.Null(CinderNotification.Parse("not json"u8));
    }
}
