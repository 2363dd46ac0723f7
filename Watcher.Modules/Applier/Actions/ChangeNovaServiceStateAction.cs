using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Applier.Actions;

/// <summary>
/// Enables or disables the nova-compute service of a host. Acts on resource_name (the hostname), not on
/// resource_id, as upstream does (quirk 24, kept): without resource_name the service is not found and the action skips.
/// </summary>
public sealed class ChangeNovaServiceStateAction : IAction, IModelEffect
{
    public const string PluginName = "change_nova_service_state";
    public string Name => PluginName;
    public string Description =>
        "Disables or enables the nova-compute service.A disabled nova-compute service can not be selected by the nova for future deployment of new server.";

    private const string Schema = """
        {
        "type": "object",
        "properties": {
          "resource_id": { "type": "string", "minLength": 1 },
          "resource_name": { "type": "string", "minLength": 1 },
          "state": { "type": "string", "enum": ["up", "down", "enabled", "disabled"] },
          "disabled_reason": { "type": "string" }
        },
        "required": ["resource_id", "state"],
        "additionalProperties": false
        }
        """;

    public JsonObject InputSchema => ActionSupport.ParseSchema(Schema);

    public async Task PreConditionAsync(ActionContext context)
    {
        // Python prints a missing hostname as None; keep the same text.
        var host = context.GetString("resource_name") ?? "None";
        var state = context.GetString("state");
        var services = await context.Compute.ListComputeServicesAsync(context.CancellationToken);
        var service = services.FirstOrDefault(s => s.Host == host)
            ?? throw new ActionSkippedException($"nova-compute service {host} not found");
        if (service.Status == state)
            throw new ActionSkippedException($"nova-compute service {host} is already in state {state}");
    }

    public Task<bool> ExecuteAsync(ActionContext context) => SetAsync(context, Target(context.GetString("state")));

    public Task PostConditionAsync(ActionContext context) => Task.CompletedTask;

    /// <summary>No abort operation exists upstream: a cancellation during this action leaves it FAILED.</summary>
    public Task<bool> AbortAsync(ActionContext context) =>
        throw new ActionFailedException($"Action {PluginName} cannot be aborted");

    public Task<bool> RevertAsync(ActionContext context) => SetAsync(context, !Target(context.GetString("state")));

    /// <summary>What-if: the host's service status changes; its claims do not (a disabled host keeps its servers).</summary>
    public ModelEffect Project(ComputeModel model, JsonObject parameters)
    {
        var host = ModelEffect.Text(parameters, "resource_name") ?? "None";
        var state = ModelEffect.Text(parameters, "state");
        if (model.FindNodeByHostname(host) is not { } node) return ModelEffect.WouldSkip($"nova-compute service {host} not found");
        if (node.Status == state) return ModelEffect.WouldSkip($"nova-compute service {host} is already in state {state}");
        if (state is not (NodeStatus.Enabled or NodeStatus.Disabled)) return ModelEffect.WouldFail("The target state is not defined");
        node.Status = state;
        node.DisabledReason = state == NodeStatus.Disabled ? ModelEffect.Text(parameters, "disabled_reason") : null;
        return ModelEffect.Applied;
    }

    public bool CanAbort(JsonObject parameters) => false;

    /// <summary>The host whose service it changes (resource_id is a node UUID, informational only).</summary>
    public IEnumerable<string> TouchedResources(JsonObject parameters) => Touched.Read(parameters, "resource_name", Touched.Host);

    public async Task<Reconciliation> ReconcileAsync(ActionContext context)
    {
        var host = context.GetString("resource_name") ?? "None";
        var state = context.GetString("state");
        var service = (await context.Compute.ListComputeServicesAsync(context.CancellationToken)).FirstOrDefault(s => s.Host == host);
        return service?.Status == state
            ? Reconciliation.Applied($"nova-compute service {host} is {state}")
            : Reconciliation.NotApplied($"nova-compute service {host} is {service?.Status ?? "gone"}");
    }

    private static bool Target(string? state) => state switch
    {
        "enabled" => true,
        "disabled" => false,
        _ => throw new ActionFailedException("The target state is not defined"),
    };

    private static async Task<bool> SetAsync(ActionContext context, bool enable)
    {
        var host = context.GetString("resource_name") ?? "None";
        var reason = enable ? null : context.GetString("disabled_reason");
        var service = await context.Compute.SetComputeServiceStatusAsync(host, enable, reason, context.CancellationToken);
        return service.Status == (enable ? "enabled" : "disabled");
    }
}
