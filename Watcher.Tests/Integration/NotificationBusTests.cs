using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Watcher.Modules.Shared.Notifications;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// Our notifications on a real RabbitMQ broker (a throw-away rabbitmq-server), as oslo.messaging's messagingv2
/// notifier puts them there: exchange "watcher", routing key "watcher_notifications.&lt;priority&gt;", a queue of that
/// name declared so a consumer that comes later finds them, the body {"oslo.version": "2.0", "oslo.message": …}.
/// </summary>
public sealed class NotificationBusTests
{
    private const string Scenario = "lifecycle_consolidation.json";

    [Fact]
    public async Task WithATransportUrl_AnAuditsEvents_WaitOnTheBus_InOsloFormat_ForAConsumerThatComesLater()
    {
        var broker = RabbitMqServer.Instance;
        await DeleteQueueAsync(broker, "watcher_notifications.info");
        using var factory = new WatcherAppFactory(Scenario, new Dictionary<string, string?> { ["Watcher:TransportUrl"] = broker.TransportUrl });
        var client = factory.Operator();

        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy", "name": "on the bus"}""");
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");

        // Only now does a consumer look: the events are in the queue the publisher declared.
        var messages = await ReadUntilAsync(broker, "watcher_notifications.info",
            m => Event(m)["event_type"]?.GetValue<string>() == "audit.update" && Data(m)["uuid"]?.GetValue<string>() == audit
                 && Data(m)["state"]?.GetValue<string>() == "SUCCEEDED");

        var ofAudit = messages.Select(Event).Where(e => (string?)e["payload"]!["watcher_object.data"]!["uuid"] == audit)
            .Select(e => (string)e["event_type"]!).ToList();
        Assert.Equal(["audit.create", "audit.update", "audit.strategy.start", "audit.strategy.end", "audit.planner.start",
            "audit.planner.end", "audit.update"], ofAudit);
        var body = JsonNode.Parse(messages[0].Body)!;
        Assert.Equal("2.0", (string?)body["oslo.version"]);
        var created = messages.Select(Event).First(e => (string?)e["event_type"] == "audit.create");
        Assert.Equal("INFO", (string?)created["priority"]);
        Assert.StartsWith("infra-optim:", (string?)created["publisher_id"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$", (string?)created["timestamp"]);
        Assert.Equal(32, ((string?)created["_unique_id"])?.Length);
        Assert.Equal(("AuditCreatePayload", "watcher"), ((string?)created["payload"]!["watcher_object.name"],
            (string?)created["payload"]!["watcher_object.namespace"]));
        Assert.Equal("on the bus", (string?)created["payload"]!["watcher_object.data"]!["name"]);
        Assert.All(messages, m => Assert.Equal(("watcher", "watcher_notifications.info", "application/json"), (m.Exchange, m.RoutingKey, m.ContentType)));

        // The same events, in the same order, as GET /events shows.
        var logged = (await client.GetAsync($"/events?resource_uuid={audit}&limit=100").ExpectJson())["events"]!.AsArray()
            .Select(e => (string)e!["message_id"]!);
        Assert.Equal(logged, messages.Select(Event).Where(e => (string?)e["payload"]!["watcher_object.data"]!["uuid"] == audit)
            .Select(e => (string)e["message_id"]!));
    }

    [Fact]
    public async Task ErrorEvents_GoToThePriorityQueue_OfEveryTopic_OnTheConfiguredExchange()
    {
        var broker = RabbitMqServer.Instance;
        var (first, second) = ($"first_{Guid.NewGuid():N}", $"second_{Guid.NewGuid():N}");
        using var factory = new WatcherAppFactory(Scenario, new Dictionary<string, string?>
        {
            ["Watcher:TransportUrl"] = "rabbit://nobody:nothing@127.0.0.1:1/",   // overridden below, for notifications only
            ["Watcher:Notifications:Bus:TransportUrl"] = broker.TransportUrl,
            ["Watcher:Notifications:Bus:Exchange"] = "watcher_elsewhere",
            ["Watcher:Notifications:Bus:Topics:0"] = first,
            ["Watcher:Notifications:Bus:Topics:1"] = second,
        });
        var client = factory.Operator();

        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "saving_energy"}""");
        await client.PollStateAsync($"/v1/audits/{audit}", "FAILED");

        foreach (var topic in new[] { first, second })
        {
            var errors = await ReadUntilAsync(broker, $"{topic}.error", m => Event(m)["event_type"]?.GetValue<string>() == "audit.strategy.error");
            var error = Event(Assert.Single(errors));
            Assert.Equal(("ERROR", audit), ((string?)error["priority"], (string?)error["payload"]!["watcher_object.data"]!["uuid"]));
            Assert.Equal("watcher_elsewhere", errors[0].Exchange);
            var info = await ReadUntilAsync(broker, $"{topic}.info", m => Event(m)["event_type"]?.GetValue<string>() == "audit.create");
            Assert.DoesNotContain(info, m => (string?)Event(m)["priority"] == "ERROR");
        }
    }

    [Fact]
    public async Task OsloMessagingsOwnListener_ReadsOurEvents()
    {
        var broker = RabbitMqServer.Instance;
        var (exchange, topic) = ($"watcher_oslo_{Guid.NewGuid():N}", $"oslo_{Guid.NewGuid():N}");
        var script = Path.Combine(TestPaths.RepositoryRoot, "Watcher.Tests", "Support", "Scripts", "oslo_notification_listener.py");
        using var listener = Process.Start(new ProcessStartInfo("/usr/bin/python3", [script, broker.TransportUrl, exchange, topic, "120"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        try
        {
            var lines = new List<JsonNode>();
            var stderr = listener.StandardError.ReadToEndAsync();
            async Task<JsonNode> NextAsync()
            {
                var line = await listener.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(90));
                Assert.True(line is not null, "the oslo.messaging listener stopped: " + (listener.HasExited ? await stderr : ""));
                return JsonNode.Parse(line!)!;
            }
            Assert.True((bool?)(await NextAsync())["listening"]);   // its queue is bound before we emit anything

            using var factory = new WatcherAppFactory(Scenario, new Dictionary<string, string?>
            {
                ["Watcher:TransportUrl"] = broker.TransportUrl,
                ["Watcher:Notifications:Bus:Exchange"] = exchange,
                ["Watcher:Notifications:Bus:Topics:0"] = topic,
            });
            var client = factory.Operator();
            var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy"}""");
            await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");

            JsonNode received;
            do
            {
                received = await NextAsync();
                lines.Add(received);
            }
            while (!((string?)received["event_type"] == "audit.update" && (string?)received["payload"]!["watcher_object.data"]!["state"] == "SUCCEEDED"));

            var created = lines.First(l => (string?)l["event_type"] == "audit.create");
            Assert.Equal(("INFO", audit), ((string?)created["priority"], (string?)created["payload"]!["watcher_object.data"]!["uuid"]));
            Assert.StartsWith("infra-optim:", (string?)created["publisher_id"]);
            Assert.Equal("AuditCreatePayload", (string?)created["payload"]!["watcher_object.name"]);
            Assert.NotNull((string?)created["message_id"]);
            Assert.Contains(lines, l => (string?)l["event_type"] == "action_plan.create");
        }
        finally
        {
            if (!listener.HasExited) listener.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task ABrokerThatCannotBeReached_NeverHoldsUpTheWork()
    {
        using var factory = new WatcherAppFactory(Scenario, new Dictionary<string, string?>
        {
            ["Watcher:TransportUrl"] = $"rabbit://guest:guest@127.0.0.1:{ClosedPort()}/",
        });
        var client = factory.Operator();

        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy"}""");
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var events = (await client.GetAsync($"/events?resource_uuid={audit}").ExpectJson())["events"]!.AsArray();
        Assert.Contains(events, e => (string?)e!["event_type"] == "audit.planner.end");
        await client.GetAsync("/v1/goals").ExpectStatus(200);
    }

    [Fact]
    public void OsloMessage_IsTheEnvelopeAsAStringInsideTheVersion2Wrapper()
    {
        var notification = new WatcherNotification("action_plan.execution.error", "ERROR", "infra-optim:h",
            new VersionedPayload("ActionPlanActionPayload", "1.0", new JsonObject { ["uuid"] = "u" }),
            new DateTime(2026, 11, 30, 12, 0, 1, 500, DateTimeKind.Utc), "m-1");

        var body = JsonNode.Parse(NotificationBus.OsloMessage(notification))!;

        Assert.Equal(["oslo.version", "oslo.message"], body.AsObject().Select(p => p.Key));
        var message = JsonNode.Parse((string)body["oslo.message"]!)!;
        Assert.Equal(("m-1", "infra-optim:h", "action_plan.execution.error", "ERROR", "2026-11-30 12:00:01.500000"),
            ((string?)message["message_id"], (string?)message["publisher_id"], (string?)message["event_type"],
             (string?)message["priority"], (string?)message["timestamp"]));
        Assert.Equal("u", (string?)message["payload"]!["watcher_object.data"]!["uuid"]);
        Assert.Equal("watcher_notifications.error", NotificationBus.RoutingKey("watcher_notifications", "ERROR"));
    }

    private sealed record Message(string Exchange, string RoutingKey, string? ContentType, string Body);

    private static JsonNode Event(Message m) => JsonNode.Parse((string)JsonNode.Parse(m.Body)!["oslo.message"]!)!;

    private static JsonNode Data(Message m) => Event(m)["payload"]!["watcher_object.data"]!;

    /// <summary>Takes messages off a queue until one matches (the queue may not exist yet: the publisher makes it).</summary>
    private static async Task<List<Message>> ReadUntilAsync(RabbitMqServer broker, string queue, Func<Message, bool> last)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        var taken = new List<Message>();
        await using var connection = await broker.Factory().CreateConnectionAsync();
        while (true)
        {
            Assert.True(DateTime.UtcNow < deadline, $"nothing matching on {queue}; got {string.Join(", ", taken.Select(m => Event(m)["event_type"]))}");
            try
            {
                await using var channel = await connection.CreateChannelAsync();
                while (await channel.BasicGetAsync(queue, autoAck: true) is { } got)
                {
                    var message = new Message(got.Exchange, got.RoutingKey, got.BasicProperties.ContentType, Encoding.UTF8.GetString(got.Body.Span));
                    taken.Add(message);
                    if (last(message)) return taken;
                }
            }
            catch (OperationInterruptedException)
            {
                // not declared yet
            }
            await Task.Delay(100);
        }
    }

    private static async Task DeleteQueueAsync(RabbitMqServer broker, string queue)
    {
        await using var connection = await broker.Factory().CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeleteAsync(queue);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
