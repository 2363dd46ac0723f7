using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.OpenStack.Contracts;

namespace Watcher.Modules.Cloud.OpenStack.Ironic;

/// <summary>
/// <see cref="IBareMetalCloud"/> over Ironic's REST API: the node list (detail) and PUT states/power. The
/// microversion header is <c>Watcher:Ironic:ApiVersion</c> (upstream <c>[ironic_client] api_version</c>, 1; a
/// bare major version means Ironic's minimum, 1.1).
/// </summary>
public sealed class OpenStackBareMetal([FromKeyedServices(OpenStackBareMetal.Key)] IOpenStackApi api, IOptionsMonitor<IronicClientOptions> options)
    : IBareMetalCloud
{
    public const string Key = "ironic";

    public async Task<IReadOnlyList<CloudBareMetalNode>> ListNodesAsync(CancellationToken ct = default) =>
        ((await api.GetAsync("/v1/nodes/detail", Headers, ct))?["nodes"] as JsonArray ?? []).OfType<JsonObject>().Select(ToNode).ToList();

    public async Task<CloudBareMetalNode?> GetNodeAsync(string nodeId, CancellationToken ct = default)
    {
        try
        {
            return await api.GetAsync($"/v1/nodes/{Uri.EscapeDataString(nodeId)}", Headers, ct) is JsonObject node ? ToNode(node) : null;
        }
        catch (CloudNotFoundException)
        {
            return null;
        }
    }

    public Task SetPowerStateAsync(string nodeId, bool on, CancellationToken ct = default) =>
        api.SendAsync(HttpMethod.Put, $"/v1/nodes/{Uri.EscapeDataString(nodeId)}/states/power",
            new JsonObject { ["target"] = on ? IronicPower.On : IronicPower.Off }, Headers, ct);

    private Dictionary<string, string> Headers
    {
        get
        {
            var version = options.CurrentValue.ApiVersion;
            return new() { ["X-OpenStack-Ironic-API-Version"] = version.Contains('.') ? version : version + ".1" };
        }
    }

    private static CloudBareMetalNode ToNode(JsonObject n) => new()
    {
        Uuid = Str(n, "uuid") ?? "",
        Name = Str(n, "name"),
        PowerState = Str(n, "power_state"),
        TargetPowerState = Str(n, "target_power_state"),
        ProvisionState = Str(n, "provision_state") ?? "",
        Maintenance = n["maintenance"] is JsonValue m && m.GetValueKind() == JsonValueKind.True,
        MaintenanceReason = Str(n, "maintenance_reason"),
        Extra = n["extra"] is JsonObject e ? (JsonObject)JsonNode.Parse(e.ToJsonString())! : new JsonObject(),
    };

    private static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
