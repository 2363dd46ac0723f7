using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Watcher.Modules.ClusterModel;
using Watcher.Modules.ClusterModel.Notifications;
using Watcher.Tests.ClusterModel;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// Cinder's notifications on a real RabbitMQ broker (a throw-away rabbitmq-server), where Cinder's oslo.messaging
/// notifier puts them — exchange "openstack", routing key "notifications.info" — keep the storage model that
/// GET /v1/data_model?data_model_type=storage shows fresh without a rebuild: a created volume appears on its pool,
/// a pool's capacity report shows, a deleted volume disappears.
/// </summary>
public sealed class CinderNotificationsOnTheBusTests
{
    private const string NewVolume = "d9000000-0000-4000-8000-0000000000aa";

    [Fact]
    public async Task VolumeEventsAndCapacityReports_UpdateTheStorageModel_BetweenSyncs()
    {
        var broker = RabbitMqServer.Instance;
        using var factory = new WatcherAppFactory("sim_storage.json", new Dictionary<string, string?> { ["Watcher:TransportUrl"] = broker.TransportUrl });
        var client = factory.Operator();
        await factory.Services.GetRequiredService<CloudNotificationListener>().Listening.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(await RowsAsync(client), r => (string?)r["volume_uuid"] == NewVolume);   // builds the model
        var store = factory.Services.GetRequiredService<StorageModelStore>();
        var builds = store.Builds;

        await PublishAsync(broker, "volume.create.end", "volume.st-b@lvm2",
            CinderNotificationHandlerTests.VolumePayload(NewVolume, "from-the-bus", "st-b@lvm2#p0", size: 7));
        await PublishAsync(broker, "capacity.pool", "capacity.st-c@thin#p0", new JsonObject
        {
            ["name_to_id"] = "st-c@thin#p0", ["total"] = 100, ["free"] = 42, ["provisioned"] = 58, ["allocated"] = 58, ["virtual_free"] = 142,
        });

        var created = await UntilAsync(client, rows => rows.Any(r => (string?)r["volume_uuid"] == NewVolume)
            && rows.Any(r => (string?)r["pool_name"] == "st-c@thin#p0" && (double?)r["pool_free_capacity_gb"] == 42));
        var row = created.Single(r => (string?)r["volume_uuid"] == NewVolume);
        Assert.Equal(("from-the-bus", 7, "st-b@lvm2#p0"), ((string?)row["volume_name"], (int)row["volume_size"]!, (string?)row["pool_name"]));

        await PublishAsync(broker, "volume.delete.end", "volume.st-b@lvm2",
            CinderNotificationHandlerTests.VolumePayload(NewVolume, "from-the-bus", "st-b@lvm2#p0", "deleted", 7));
        await UntilAsync(client, rows => rows.All(r => (string?)r["volume_uuid"] != NewVolume));
        Assert.Equal(builds, store.Builds);   // the notifications did it, not a sync
    }

    private static async Task<List<JsonNode>> RowsAsync(HttpClient client) =>
        (await client.GetAsync("/v1/data_model?data_model_type=storage").ExpectJson())["context"]!.AsArray().Select(r => r!).ToList();

    private static async Task<List<JsonNode>> UntilAsync(HttpClient client, Func<List<JsonNode>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var rows = await RowsAsync(client);
            if (done(rows)) return rows;
            Assert.True(DateTime.UtcNow < deadline, "the storage model did not show the notified change");
            await Task.Delay(100);
        }
    }

    private static async Task PublishAsync(RabbitMqServer broker, string eventType, string publisher, JsonObject payload)
    {
        await using var connection = await broker.Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.BasicPublishAsync("openstack", "notifications.info", mandatory: false,
            new BasicProperties { ContentType = "application/json" }, CinderNotificationHandlerTests.Envelope(eventType, publisher, payload));
    }
}
