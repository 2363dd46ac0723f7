using System.Text.Json.Nodes;
using Watcher.Tests.Support;

namespace Watcher.Tests.Integration;

/// <summary>What an operator does by hand against the API, as reusable steps: create, poll, list.</summary>
internal static class OperatorSteps
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly string[] Transient = ["PENDING", "ONGOING", "RECOMMENDED", "CANCELLING"];

    public static async Task<string> CreateAuditAsync(this HttpClient client, string json) =>
        (string)(await client.PostJson("/v1/audits", json).ExpectJson(201))["uuid"]!;

    /// <summary>Polls until the resource reaches <paramref name="state"/>; fails fast on another final state.</summary>
    public static async Task<JsonNode> PollStateAsync(this HttpClient client, string path, string state, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            var resource = await client.GetAsync(path).ExpectJson();
            var current = (string?)resource["state"];
            if (current == state) return resource;
            Assert.True(Transient.Contains(current), $"{path} reached {current} while waiting for {state}: {resource.ToJsonString()}");
            Assert.True(DateTime.UtcNow < deadline, $"{path} still {current} after {patience ?? Patience}");
            await Task.Delay(50);
        }
    }

    public static async Task<List<JsonNode>> PlansOfAsync(this HttpClient client, string auditUuid) =>
        ((JsonArray)(await client.GetAsync($"/v1/action_plans/detail?audit_uuid={auditUuid}").ExpectJson())["action_plans"]!)
        .Select(p => p!).ToList();

    public static async Task<List<JsonNode>> ActionsOfAsync(this HttpClient client, string planUuid) =>
        ((JsonArray)(await client.GetAsync($"/v1/actions/detail?action_plan_uuid={planUuid}").ExpectJson())["actions"]!)
        .Select(a => a!).ToList();

    public static Task StartPlanAsync(this HttpClient client, string planUuid) =>
        client.PatchJson($"/v1/action_plans/{planUuid}", """[{"op": "replace", "path": "/state", "value": "PENDING"}]""").ExpectJson();
}
