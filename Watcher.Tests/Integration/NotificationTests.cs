using System.Text.Json.Nodes;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>
/// Upstream's notifications (reference §12), seen through GET /events: an audit's lifecycle emits the expected
/// sequence with upstream's payload objects, a failing strategy emits audit.strategy.error with its fault.
/// </summary>
public sealed class NotificationTests
{
    private const string Scenario = "lifecycle_consolidation.json";

    [Fact]
    public async Task AuditLifecycle_EmitsCreateUpdateStrategyPlannerAndExecutionEvents_InOrder()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();

        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "server_consolidation", "name": "watched"}""");
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = (string)(await client.PlansOfAsync(audit))[0]["uuid"]!;
        var actionCount = (await client.ActionsOfAsync(plan)).Count;
        await client.StartPlanAsync(plan);
        await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED");
        var events = await WaitForEventAsync(client, "action_plan.execution.end");

        var auditEvents = events.Where(e => Uuid(e) == audit).Select(Describe).ToList();
        Assert.Equal(
        [
            "audit.create PENDING",
            "audit.update PENDING->ONGOING",
            "audit.strategy.start ONGOING",
            "audit.strategy.end ONGOING",
            "audit.planner.start ONGOING",
            "audit.planner.end ONGOING",
            "audit.update ONGOING->SUCCEEDED",
        ], auditEvents);

        var types = events.Select(e => (string)e["event_type"]!).ToList();
        Assert.True(types.IndexOf("audit.planner.start") < types.IndexOf("action_plan.create"));
        Assert.True(types.IndexOf("action_plan.create") < types.IndexOf("action.create"));
        Assert.Equal(actionCount, types.Count(t => t == "action.create"));
        Assert.True(types.LastIndexOf("action.create") < types.IndexOf("audit.planner.end"));

        var planEvents = events.Where(e => Uuid(e) == plan).Select(Describe).ToList();
        Assert.Equal(
        [
            "action_plan.create RECOMMENDED",
            "action_plan.update RECOMMENDED->PENDING",
            "action_plan.update PENDING->ONGOING",
            "action_plan.execution.start ONGOING",
            "action_plan.update ONGOING->SUCCEEDED",
            "action_plan.execution.end SUCCEEDED",
        ], planEvents);
        Assert.Equal(actionCount, types.Count(t => t == "action.execution.start"));
        Assert.Equal(actionCount, types.Count(t => t == "action.execution.end"));

        // Upstream's envelope and versioned payloads.
        var created = events.First(e => (string?)e["event_type"] == "audit.create");
        Assert.StartsWith("infra-optim:", (string?)created["publisher_id"]);
        Assert.Equal("INFO", (string?)created["priority"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{6}$", (string?)created["timestamp"]);
        var payload = created["payload"]!;
        Assert.Equal(("AuditCreatePayload", "watcher", "1.2"),
            ((string?)payload["watcher_object.name"], (string?)payload["watcher_object.namespace"], (string?)payload["watcher_object.version"]));
        var data = payload["watcher_object.data"]!;
        Assert.Equal("watched", (string?)data["name"]);
        Assert.Equal("GoalPayload", (string?)data["goal"]!["watcher_object.name"]);
        Assert.Equal("server_consolidation", (string?)data["goal"]!["watcher_object.data"]!["name"]);
        Assert.Equal((string?)data["goal_uuid"], (string?)data["goal"]!["watcher_object.data"]!["uuid"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", (string?)data["created_at"]);
        var actionUpdate = events.First(e => (string?)e["event_type"] == "action.update")["payload"]!["watcher_object.data"]!;
        Assert.Equal("TerseActionPlanPayload", (string?)actionUpdate["action_plan"]!["watcher_object.name"]);
        Assert.Equal(audit, (string?)actionUpdate["action_plan"]!["watcher_object.data"]!["audit_uuid"]);
    }

    [Fact]
    public async Task FailingStrategy_EmitsStrategyError_WithItsFault_AndTheFailedUpdate()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();

        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "saving_energy"}""");
        await client.PollStateAsync($"/v1/audits/{audit}", "FAILED");
        var events = await WaitForEventAsync(client, "audit.update", e => (string?)Data(e)["state"] == "FAILED");

        var error = Assert.Single(events, e => (string?)e["event_type"] == "audit.strategy.error");
        Assert.Equal("ERROR", (string?)error["priority"]);
        var fault = Data(error)["fault"]!;
        Assert.Equal("ExceptionPayload", (string?)fault["watcher_object.name"]);
        Assert.Equal("StrategyFailedException", (string?)fault["watcher_object.data"]!["exception"]);
        Assert.StartsWith("saving_energy needs a bare-metal service", (string?)fault["watcher_object.data"]!["exception_message"]);
        Assert.DoesNotContain(events, e => (string?)e["event_type"] == "audit.planner.start");
        var failed = events.Last(e => (string?)e["event_type"] == "audit.update")["payload"]!["watcher_object.data"]!["state_update"]!;
        Assert.Equal("ONGOING", (string?)failed["watcher_object.data"]!["old_state"]);
    }

    [Fact]
    public async Task DeletingAnAudit_EmitsUpdateToDeleted_ThenDelete()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy"}""");
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");

        await client.DeleteAsync($"/v1/audits/{audit}").ExpectStatus(204);
        var events = await WaitForEventAsync(client, "audit.delete");

        Assert.Equal(["audit.update SUCCEEDED->DELETED", "audit.delete DELETED"],
            events.Where(e => Uuid(e) == audit).Select(Describe).TakeLast(2));
        Assert.NotNull((string?)Data(events.Last())["deleted_at"]);
    }

    [Fact]
    public async Task Events_FilterByTypeResourceAndSequence()
    {
        using var factory = new WatcherAppFactory(Scenario);
        var client = factory.Operator();
        var first = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy"}""");
        await client.PollStateAsync($"/v1/audits/{first}", "SUCCEEDED");
        await WaitForEventAsync(client, "audit.update", e => Uuid(e) == first && (string?)Data(e)["state"] == "SUCCEEDED");

        var byType = await client.GetAsync("/events?type=audit.strategy").ExpectJson();
        Assert.Equal(["audit.strategy.start", "audit.strategy.end"], Types(byType));
        var byResource = await client.GetAsync($"/events?resource_uuid={first}&type=audit&limit=2").ExpectJson();
        Assert.Equal(["audit.planner.end", "audit.update"], Types(byResource));   // the latest two
        var last = (long)byType["last_sequence"]!;
        Assert.Empty((await client.GetAsync($"/events?after={last + 1000}").ExpectJson())["events"]!.AsArray());
        var errors = await client.GetAsync("/events?priority=error").ExpectJson();
        Assert.Empty(errors["events"]!.AsArray());

        var second = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy"}""");
        await client.PollStateAsync($"/v1/audits/{second}", "SUCCEEDED");
        var newer = await client.GetAsync($"/events?after={last}&type=audit.create").ExpectJson();
        Assert.Equal([second], newer["events"]!.AsArray().Select(e => Uuid(e!)));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=x")]
    [InlineData("after=-1")]
    [InlineData("priority=LOUD")]
    [InlineData("colour=red")]
    public async Task Events_BadArguments_Are400(string query)
    {
        using var factory = new WatcherAppFactory(Scenario);
        await factory.Operator().GetAsync($"/events?{query}").ExpectError(400);
    }

    private static async Task<List<JsonNode>> WaitForEventAsync(HttpClient client, string type, Func<JsonNode, bool>? also = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var events = (await client.GetAsync("/events?limit=10000").ExpectJson())["events"]!.AsArray().Select(e => e!).ToList();
            if (events.Any(e => (string?)e["event_type"] == type && (also?.Invoke(e) ?? true))) return events;
            Assert.True(DateTime.UtcNow < deadline, $"no {type} event in {string.Join(", ", events.Select(e => e["event_type"]))}");
            await Task.Delay(50);
        }
    }

    private static JsonNode Data(JsonNode e) => e["payload"]!["watcher_object.data"]!;

    private static string? Uuid(JsonNode e) => (string?)Data(e)["uuid"];

    private static List<string> Types(JsonNode list) => list["events"]!.AsArray().Select(e => (string)e!["event_type"]!).ToList();

    /// <summary>"audit.update PENDING->ONGOING" for a state change, else "type STATE".</summary>
    private static string Describe(JsonNode e)
    {
        var data = Data(e);
        var change = data["state_update"]?["watcher_object.data"];
        return change?["old_state"] is { } old
            ? $"{e["event_type"]} {old}->{change["state"]}"
            : $"{e["event_type"]} {data["state"]}";
    }
}
