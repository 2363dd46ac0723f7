using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Mediator;
using Watcher.Modules.Shared.Notifications;
using Watcher.Modules.Shared.Services;
using Watcher.Tests.Support;

namespace Watcher.Tests.Shared.Notifications;

public sealed class NotificationUnitTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(new DateTime(2026, 3, 1, 12, 0, 0));

    public void Dispose() => _database.Dispose();

    private static WatcherNotification Event(string type, string uuid, string priority = "INFO") =>
        new(type, priority, "infra-optim:test", new VersionedPayload("X", "1.0", new JsonObject { ["uuid"] = uuid }),
            DateTime.UtcNow, Guid.NewGuid().ToString());

    [Fact]
    public void EventLog_KeepsTheLatestUpToItsCapacity_AndFilters()
    {
        var log = new EventLog(3);
        log.Append(Event("audit.create", "a"));
        log.Append(Event("audit.update", "a"));
        log.Append(Event("action_plan.create", "p"));
        log.Append(Event("audit.strategy.error", "a", "ERROR"));

        Assert.Equal([2L, 3L, 4L], log.Read(new EventQuery()).Select(e => e.Sequence));
        Assert.Equal(["audit.update", "audit.strategy.error"], log.Read(new EventQuery(Type: "audit")).Select(e => e.Notification.EventType));
        Assert.Empty(log.Read(new EventQuery(Type: "audit.strat")));   // whole parts only
        Assert.Equal(["action_plan.create"], log.Read(new EventQuery(ResourceUuid: "p")).Select(e => e.Notification.EventType));
        Assert.Equal([4L], log.Read(new EventQuery(Priority: "error")).Select(e => e.Sequence));
        Assert.Equal([3L], log.Read(new EventQuery(After: 2, Limit: 1)).Select(e => e.Sequence));
        Assert.Equal([4L], log.Read(new EventQuery(Limit: 1)).Select(e => e.Sequence));
    }

    [Fact]
    public void Envelope_IsOsloMessagingsShape()
    {
        var envelope = new WatcherNotification("audit.create", "INFO", "infra-optim:node0",
            new VersionedPayload("AuditCreatePayload", "1.2", new JsonObject { ["uuid"] = "u" }),
            new DateTime(2016, 10, 18, 9, 52, 5, 219, DateTimeKind.Utc).AddTicks(4140), "m").ToEnvelope();

        Assert.Equal("2016-10-18 09:52:05.219414", (string?)envelope["timestamp"]);
        Assert.Equal(["message_id", "publisher_id", "event_type", "priority", "payload", "timestamp"], envelope.Select(p => p.Key));
        Assert.Equal(["watcher_object.name", "watcher_object.namespace", "watcher_object.version", "watcher_object.data"],
            envelope["payload"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void ServicePayload_KeepsUpstreamsMisspeltKey()
    {
        var payload = Payloads.ServiceUpdate(new Service { Name = "watcher-applier", Host = "h", LastSeenUp = _clock.UtcNow }, "ACTIVE", "FAILED");

        Assert.Equal("ServiceUpdatePayload", payload.Name);
        Assert.Equal("h", (string?)payload.Data["sevice_host"]);
        Assert.Equal("2026-03-01T12:00:00Z", (string?)payload.Data["last_seen_up"]);
        Assert.Equal("FAILED", (string?)payload.Data["status_update"]!["watcher_object.data"]!["state"]);
    }

    [Fact]
    public void Level_FiltersByPriority_AndEmptyTurnsNotificationsOff()
    {
        Assert.True(new NotificationOptions().Emits("INFO"));
        Assert.False(new NotificationOptions { Level = "warning" }.Emits("INFO"));
        Assert.True(new NotificationOptions { Level = "warning" }.Emits("ERROR"));
        Assert.False(new NotificationOptions { Level = "" }.Emits("CRITICAL"));
    }

    [Fact]
    public async Task ServiceMonitor_EmitsServiceUpdate_WhenAWatchedServiceFailsAndComesBack()
    {
        await using (var db = _database.Open(_clock))
            await ServiceHeartbeat.BeatAsync(db, "watcher-applier", "host-a", default);
        using var services = Services();
        var monitor = ActivatorUtilities.CreateInstance<ServiceStatusMonitor>(services);
        var log = services.GetRequiredService<EventLog>();

        await monitor.CheckAsync(default);                       // first sight: ACTIVE, nothing to report
        Assert.Empty(log.Read(new EventQuery()));
        _clock.Advance(TimeSpan.FromSeconds(120));
        await monitor.CheckAsync(default);                       // no beat for 120 s > 90 s
        await using (var db = _database.Open(_clock))
            await ServiceHeartbeat.BeatAsync(db, "watcher-applier", "host-a", default);
        await monitor.CheckAsync(default);

        var events = log.Read(new EventQuery(Type: "service.update"));
        Assert.Equal([("WARNING", "ACTIVE", "FAILED"), ("INFO", "FAILED", "ACTIVE")], events.Select(e =>
        {
            var update = e.Notification.Payload.Data["status_update"]!["watcher_object.data"]!;
            return (e.Notification.Priority, (string)update["old_state"]!, (string)update["state"]!);
        }));
        Assert.Equal("watcher-applier", (string?)events[0].Notification.Payload.Data["name"]);
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddWatcherMediator(typeof(WatcherModules).Assembly);
        services.AddWatcherDatabase(_database.Settings);
        services.AddNotifications();
        return services.BuildServiceProvider();
    }
}
