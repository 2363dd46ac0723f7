using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Applier.Actions;

/// <summary>Stops a server (os-stop) and waits for vm_state "stopped" (reference §9.8, HEAD-only action).</summary>
public sealed partial class StopAction(IOptions<ActionPollingOptions> polling, ILogger<StopAction> logger) : IAction, IModelEffect
{
    public const string PluginName = "stop";
    public string Name => PluginName;
    public string Description => "Stop a VM instance";

    // Upstream polls every 10 s, 8 times (Watcher:ActionPolling).
    private TimeSpan PollInterval => TimeSpan.FromSeconds(polling.Value.StopInterval);
    private int PollAttempts => polling.Value.StopMaxRetries;

    private const string Schema = """
        {
        "type": "object",
        "properties": { "resource_id": { "type": "string", "minLength": 1, "pattern": "^([a-fA-F0-9]){8}-([a-fA-F0-9]){4}-([a-fA-F0-9]){4}-([a-fA-F0-9]){4}-([a-fA-F0-9]){12}$" } },
        "required": ["resource_id"],
        "additionalProperties": false
        }
        """;

    public JsonObject InputSchema => ActionSupport.ParseSchema(Schema);

    public async Task PreConditionAsync(ActionContext context)
    {
        var id = context.ResourceId;
        var server = await context.Compute.GetServerAsync(id, context.CancellationToken)
            ?? throw new ActionSkippedException($"Instance {id} not found");
        if (server.Status == "SHUTOFF") throw new ActionSkippedException($"Instance {id} is already stopped");
    }

    public async Task<bool> ExecuteAsync(ActionContext context)
    {
        var id = context.ResourceId;
        var server = await context.Compute.GetServerAsync(id, context.CancellationToken);
        if (server is null) return false;
        if (server.VmState == "stopped") return true;
        try
        {
            await context.Compute.StopServerAsync(id, context.CancellationToken);
        }
        catch (CloudException e) when (e is not CloudUnavailableException)
        {
            LogRefused(id, e.Message);
            return false;
        }
        var final = await ActionSupport.PollAsync(context, () => context.Compute.GetServerAsync(id, context.CancellationToken),
            s => s is null || s.VmState == "stopped", PollAttempts, PollInterval);
        // A server that vanished meanwhile is not running any more: upstream counts that as stopped.
        return final is null || final.VmState == "stopped";
    }

    public Task PostConditionAsync(ActionContext context) => Task.CompletedTask;

    /// <summary>Stopping cannot be interrupted: report "not aborted" so the action ends SUCCEEDED.</summary>
    public Task<bool> AbortAsync(ActionContext context) => Task.FromResult(false);

    /// <summary>Best effort os-start.</summary>
    public async Task<bool> RevertAsync(ActionContext context)
    {
        try
        {
            await context.Compute.StartServerAsync(context.ResourceId, context.CancellationToken);
            return true;
        }
        catch (CloudException e) when (e is not CloudUnavailableException)
        {
            LogRefused(context.ResourceId, e.Message);
            return false;
        }
    }

    /// <summary>What-if: the server stops but Nova keeps its resources claimed on the host.</summary>
    public ModelEffect Project(ComputeModel model, JsonObject parameters)
    {
        var id = ModelEffect.Text(parameters, "resource_id") ?? "";
        if (model.FindInstance(id) is not { } instance) return ModelEffect.WouldSkip($"Instance {id} not found");
        if (instance.State == InstanceState.Stopped) return ModelEffect.WouldSkip($"Instance {id} is already stopped");
        instance.State = InstanceState.Stopped;
        return ModelEffect.NoUsageChange("A stopped server keeps its vCPUs, RAM and disk claimed on its host");
    }

    /// <summary>A stop is not interrupted: it finishes and reports what it did.</summary>
    public bool CanAbort(JsonObject parameters) => false;

    public IEnumerable<string> TouchedResources(JsonObject parameters) => Touched.Read(parameters, "resource_id", Touched.Server);

    public async Task<Reconciliation> ReconcileAsync(ActionContext context)
    {
        var server = await context.Compute.GetServerAsync(context.ResourceId, context.CancellationToken);
        return server is null || server.VmState == "stopped"
            ? Reconciliation.Applied($"instance {context.ResourceId} is {(server is null ? "gone" : "stopped")}")
            : Reconciliation.NotApplied($"instance {context.ResourceId} is {server.Status}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stop request for instance {InstanceId} failed: {Reason}")]
    private partial void LogRefused(string instanceId, string reason);
}
