using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud;

namespace Watcher.Modules.Applier.Actions;

/// <summary>
/// Powers the machine behind a compute host on or off (reference §9.8) through <see cref="INodePower"/>: the
/// simulator's compute hosts today; Ironic and MAAS come with the bare-metal support. A host still running servers
/// is not powered off (the action fails), as upstream refuses it.
/// </summary>
public sealed partial class ChangeNodePowerStateAction(
    INodePower nodes, IOptions<ActionPollingOptions> polling, ILogger<ChangeNodePowerStateAction> logger) : IAction
{
    public const string PluginName = "change_node_power_state";
    public string Name => PluginName;
    public string Description => "Compute node power on/off through Ironic or MaaS.";

    private const string Schema = """
        {
        "type": "object",
        "properties": {
          "resource_id": { "type": "string", "minLength": 1 },
          "resource_name": { "type": "string" },
          "state": { "type": "string", "enum": ["on", "off"] }
        },
        "required": ["resource_id", "state"],
        "additionalProperties": false
        }
        """;

    public JsonObject InputSchema => ActionSupport.ParseSchema(Schema);

    public Task PreConditionAsync(ActionContext context) => Task.CompletedTask;

    public Task<bool> ExecuteAsync(ActionContext context) => SetAsync(context, context.GetString("state") == "on");

    public Task PostConditionAsync(ActionContext context) => Task.CompletedTask;

    /// <summary>No abort operation exists upstream: a cancellation during a power change leaves the action FAILED.</summary>
    public Task<bool> AbortAsync(ActionContext context) => throw new ActionFailedException($"Action {PluginName} cannot be aborted");

    public Task<bool> RevertAsync(ActionContext context) => SetAsync(context, context.GetString("state") != "on");

    public bool CanAbort(JsonObject parameters) => false;

    public IEnumerable<string> TouchedResources(JsonObject parameters) => Touched.Read(parameters, "resource_id", Touched.Node);

    public async Task<Reconciliation> ReconcileAsync(ActionContext context)
    {
        var target = context.GetString("state");
        var node = await ActionSupport.PollAsync(context, () => nodes.GetNodePowerAsync(context.ResourceId, context.CancellationToken),
            n => n is null || n.TargetPowerState is null, polling.Value.NodePowerMaxRetries, Interval);
        return node?.PowerState == target
            ? Reconciliation.Applied($"node {context.ResourceId} is powered {target}")
            : Reconciliation.NotApplied($"node {context.ResourceId} is {node?.PowerState ?? "gone"}");
    }

    private TimeSpan Interval => TimeSpan.FromSeconds(polling.Value.NodePowerInterval);

    private async Task<bool> SetAsync(ActionContext context, bool on)
    {
        var id = context.ResourceId;
        var target = on ? "on" : "off";
        var node = await nodes.GetNodePowerAsync(id, context.CancellationToken)
            ?? throw new ActionFailedException($"Node {id} not found");
        if (node.PowerState == target) return true;
        if (!on && node.RunningVms > 0)
        {
            LogStillRunning(id, node.HypervisorHostname, node.RunningVms);
            return false;
        }
        try
        {
            await nodes.SetNodePowerAsync(id, on, context.CancellationToken);
        }
        catch (CloudException e)
        {
            LogRefused(id, e.Message);
            return false;
        }
        await context.CloudChangedAsync($"power {target} of node {id} requested");
        var final = await ActionSupport.PollAsync(context, () => nodes.GetNodePowerAsync(id, context.CancellationToken),
            n => n is null || n.PowerState == target, polling.Value.NodePowerMaxRetries, Interval);
        return final?.PowerState == target;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId} is not powered off: hypervisor {Hypervisor} still runs {RunningVms} servers")]
    private partial void LogStillRunning(string nodeId, string? hypervisor, int runningVms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Power change of node {NodeId} was refused: {Reason}")]
    private partial void LogRefused(string nodeId, string reason);
}
