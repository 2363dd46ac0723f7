using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.ClusterModel;
using Watcher.Modules.ClusterModel.Notifications;

namespace Watcher.Tests.EndToEnd.OpenStack;

/// <summary>
/// Booting and deleting a server shows in GET /v1/data_model within seconds, through Nova's notifications on the
/// lab's RabbitMQ: the periodic sync is an hour away and no action ran, so nothing else refreshes the model.
/// </summary>
[Collection(OpenStackLabCollection.Name)]
public sealed class NotificationsKeepTheModelFreshTests(OpenStackLab lab)
{
    private static readonly TimeSpan Seconds = TimeSpan.FromSeconds(20);

    [LabFact]
    public async Task ABootedServer_AppearsOnItsHost_AndADeletedOne_Disappears()
    {
        using var watcher = new LabWatcher();
        var listener = watcher.Services.GetRequiredService<CloudNotificationListener>();
        await listener.Listening.WaitAsync(TimeSpan.FromSeconds(60));
        var before = await watcher.DataModelAsync();   // the model exists (built at start), so events apply to it
        var store = watcher.Services.GetRequiredService<ComputeModelStore>();
        var builds = store.Builds;
        var name = "e2e-notified-" + Guid.NewGuid().ToString("N")[..6];

        var booted = await lab.Admin.BootAsync(name);
        var id = (string)booted["id"]!;
        try
        {
            Assert.DoesNotContain(before, r => (string?)r["server_uuid"] == id);
            await LabAdmin.WaitAsync("the booted server in our data model", async () =>
                (await watcher.DataModelAsync()).Any(r => (string?)r["server_uuid"] == id), Seconds);
            var row = (await watcher.DataModelAsync()).Single(r => (string?)r["server_uuid"] == id);
            Assert.Equal(LabAdmin.HostOf(booted), (string?)row["node_hostname"]);
            Assert.Equal((name, "active", 1, 512), ((string?)row["server_name"], (string?)row["server_state"],
                (int)row["server_vcpus"]!, (int)row["server_memory"]!));
        }
        finally
        {
            await lab.Admin.DeleteAsync(id);
        }
        await LabAdmin.WaitAsync("the deleted server gone from our data model", async () =>
            (await watcher.DataModelAsync()).All(r => (string?)r["server_uuid"] != id), Seconds);
        Assert.True(listener.Received > 0);
        Assert.Equal(builds, store.Builds);   // no rebuild from Nova in between: the notifications did it
    }
}
