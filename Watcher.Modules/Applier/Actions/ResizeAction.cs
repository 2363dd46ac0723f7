using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud;

namespace Watcher.Modules.Applier.Actions;

/// <summary>
/// Resizes a server to another flavor and confirms it (reference §9.8): polled like a migration; upstream cannot
/// revert or abort a resize, and neither can we (a cancellation while it runs leaves it FAILED).
/// </summary>
public sealed partial class ResizeAction(IOptions<NovaOptions> nova, ILogger<ResizeAction> logger) : IAction
{
    public const string PluginName = "resize";
    public string Name => PluginName;
    public string Description => "Resize a server with specified flavor.";

    // Upstream's schema is closed: resource_name is not allowed (quirk 25, kept).
    private const string Schema = """
        {
        "type": "object",
        "properties": {
          "resource_id": { "type": "string", "minLength": 1, "pattern": "^([a-fA-F0-9]){8}-([a-fA-F0-9]){4}-([a-fA-F0-9]){4}-([a-fA-F0-9]){4}-([a-fA-F0-9]){12}$" },
          "flavor": { "type": "string", "minLength": 1 }
        },
        "required": ["resource_id", "flavor"],
        "additionalProperties": false
        }
        """;

    public JsonObject InputSchema => ActionSupport.ParseSchema(Schema);

    private TimeSpan Interval => TimeSpan.FromSeconds(nova.Value.MigrationInterval);

    public async Task PreConditionAsync(ActionContext context)
    {
        var id = context.ResourceId;
        _ = await context.Compute.GetServerAsync(id, context.CancellationToken)
            ?? throw new ActionSkippedException($"Instance {id} not found");
        _ = await FindFlavorAsync(context) ?? throw new ActionFailedException($"Flavor {context.GetString("flavor")} not found");
    }

    public async Task<bool> ExecuteAsync(ActionContext context)
    {
        var id = context.ResourceId;
        var flavor = await FindFlavorAsync(context) ?? throw new ActionFailedException($"Flavor {context.GetString("flavor")} not found");
        var before = await context.Compute.GetServerAsync(id, context.CancellationToken);
        try
        {
            await context.Compute.ResizeAsync(id, flavor.Id, context.CancellationToken);
        }
        catch (CloudException e)
        {
            LogRefused(id, e.Message);
            return false;
        }
        await context.CloudChangedAsync($"resize of {id} to {flavor.Name} started");
        Task<Server?> Probe() => context.Compute.GetServerAsync(id, context.CancellationToken);
        var resized = await ActionSupport.PollAsync(context, Probe, s => s is null || s.VmState is "resized" or "error",
            nova.Value.MigrationMaxRetries, Interval);
        if (resized is not { Status: "VERIFY_RESIZE" }) return false;
        await context.Compute.ConfirmResizeAsync(id, context.CancellationToken);
        var previous = before?.Status ?? "ACTIVE";
        var confirmed = await ActionSupport.PollAsync(context, Probe, s => s is null || s.Status == previous, 60,
            TimeSpan.FromSeconds(Math.Min(1.0, nova.Value.MigrationInterval)));
        return confirmed?.Status == previous;
    }

    public Task PostConditionAsync(ActionContext context) => Task.CompletedTask;

    /// <summary>No abort operation exists upstream: a cancellation during a resize leaves it FAILED.</summary>
    public Task<bool> AbortAsync(ActionContext context) => throw new ActionFailedException($"Action {PluginName} cannot be aborted");

    /// <summary>Upstream logs that a resize cannot be reverted.</summary>
    public Task<bool> RevertAsync(ActionContext context)
    {
        LogNoRevert(context.ResourceId);
        return Task.FromResult(false);
    }

    public bool CanAbort(JsonObject parameters) => false;

    public IEnumerable<string> TouchedResources(JsonObject parameters) => Touched.Read(parameters, "resource_id", Touched.Server);

    /// <summary>After a crash: wait for a resize the cloud still runs; confirm it if it waits for that; judge by the flavor.</summary>
    public async Task<Reconciliation> ReconcileAsync(ActionContext context)
    {
        var id = context.ResourceId;
        var flavor = await FindFlavorAsync(context);
        Task<Server?> Probe() => context.Compute.GetServerAsync(id, context.CancellationToken);
        var server = await ActionSupport.PollAsync(context, Probe, s => s is null || s.TaskState is null, nova.Value.MigrationMaxRetries, Interval);
        if (server is null) return Reconciliation.NotApplied($"instance {id} no longer exists");
        if (server.Status == "ERROR") return Reconciliation.Failed($"instance {id} is in ERROR");
        if (flavor is null || server.FlavorName != flavor.Name) return Reconciliation.NotApplied($"instance {id} has flavor {server.FlavorName}");
        if (server.Status == "VERIFY_RESIZE") await context.Compute.ConfirmResizeAsync(id, context.CancellationToken);
        return Reconciliation.Applied($"instance {id} has flavor {flavor.Name}");
    }

    /// <summary>The flavor by id, else by name, as upstream resolves it.</summary>
    private static async Task<Flavor?> FindFlavorAsync(ActionContext context)
    {
        var wanted = context.GetString("flavor");
        var flavors = await context.Compute.ListFlavorsAsync(context.CancellationToken);
        return flavors.FirstOrDefault(f => f.Id == wanted) ?? flavors.FirstOrDefault(f => f.Name == wanted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resize of instance {InstanceId} was refused: {Reason}")]
    private partial void LogRefused(string instanceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resize of instance {InstanceId} cannot be reverted (as upstream)")]
    private partial void LogNoRevert(string instanceId);
}
