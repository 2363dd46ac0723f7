using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Applier.Actions;

/// <summary>
/// Live or cold migration of one server, polled the way upstream polls Nova (reference §9.8). A refusal by the
/// cloud is "the action failed" as upstream; an unreachable cloud surfaces as the action's status message.
/// </summary>
public sealed partial class MigrateAction(IOptions<NovaOptions> nova, ILogger<MigrateAction> logger) : IAction, IModelEffect
{
    public const string PluginName = "migrate";
    public string Name => PluginName;
    public string Description => "Moving a VM instance from source_node to destination_node";

    private const string Schema = """
        {
        "type": "object",
        "properties": {
          "destination_node": { "type": ["string", "null"] },
          "migration_type": { "type": "string", "enum": ["live", "cold"] },
          "resource_id": { "type": "string", "minLength": 1, "pattern": "^([a-fA-F0-9]){8}-([a-fA-F0-9]){4}-([a-fA-F0-9]){4}-([a-fA-F0-9]){4}-([a-fA-F0-9]){12}$" },
          "resource_name": { "type": "string" },
          "source_node": { "type": "string", "minLength": 1 }
        },
        "required": ["migration_type", "resource_id", "source_node"],
        "additionalProperties": false
        }
        """;

    public JsonObject InputSchema => ActionSupport.ParseSchema(Schema);

    private TimeSpan Interval => TimeSpan.FromSeconds(nova.Value.MigrationInterval);
    // Upstream waits 1 s (confirm) and 2 s (abort) between polls; never wait longer than the configured interval.
    private TimeSpan ShortInterval(double seconds) => TimeSpan.FromSeconds(Math.Min(seconds, nova.Value.MigrationInterval));

    public async Task PreConditionAsync(ActionContext context)
    {
        var (id, source, destination) = (context.ResourceId, context.GetString("source_node"), context.GetString("destination_node"));
        var server = await context.Compute.GetServerAsync(id, context.CancellationToken)
            ?? throw new ActionSkippedException($"Instance {id} not found");
        if (server.Host != source)
            throw new ActionSkippedException($"Instance {id} is not running on source node {source} (currently on {server.Host})");
        if (destination is not null)
        {
            var services = await context.Compute.ListComputeServicesAsync(context.CancellationToken);
            var service = services.FirstOrDefault(s => s.Host == destination)
                ?? throw new ActionFailedException($"Destination node {destination} not found");
            if (service.Status != "enabled")
                throw new ActionFailedException($"Destination node {destination} is not in enabled state");
        }
        if (IsLive(context) && server.Status != "ACTIVE")
            throw new ActionFailedException(
                $"Live migration requires instance {id} to be in ACTIVE status (current status: {server.Status})");
    }

    public Task<bool> ExecuteAsync(ActionContext context) =>
        MigrateAsync(context, context.GetString("source_node")!, context.GetString("destination_node"));

    public Task PostConditionAsync(ActionContext context) => Task.CompletedTask;

    public async Task<bool> AbortAsync(ActionContext context)
    {
        var id = context.ResourceId;
        if (!IsLive(context))
        {
            LogColdAbort(id); // upstream: nothing to abort, the action counts as completed
            return false;
        }
        await context.Compute.AbortLiveMigrationAsync(id, context.CancellationToken);
        var server = await ActionSupport.PollAsync(context, () => context.Compute.GetServerAsync(id, context.CancellationToken),
            s => s is null || s.TaskState is null && s.Status is "ACTIVE" or "ERROR", 240, ShortInterval(2.0));
        var (source, destination) = (context.GetString("source_node"), context.GetString("destination_node"));
        if (server is { Status: "ACTIVE" } && server.Host == source) return true;
        if (server is { Status: "ACTIVE" } && (destination is null || server.Host == destination)) return false;
        throw new ActionFailedException($"Live migration execution and abort both failed for the instance {id}.");
    }

    /// <summary>Rollback: move the server back to its source node.</summary>
    public async Task<bool> RevertAsync(ActionContext context)
    {
        var server = await context.Compute.GetServerAsync(context.ResourceId, context.CancellationToken);
        var source = context.GetString("source_node")!;
        if (server?.Host is null) return false;
        return server.Host == source || await MigrateAsync(context, server.Host, source);
    }

    /// <summary>What-if: the pre-condition's checks against the model, then the server changes host.</summary>
    public ModelEffect Project(ComputeModel model, JsonObject parameters)
    {
        var id = ModelEffect.Text(parameters, "resource_id") ?? "";
        var source = ModelEffect.Text(parameters, "source_node");
        var destination = ModelEffect.Text(parameters, "destination_node");
        if (model.FindInstance(id) is not { } instance) return ModelEffect.WouldSkip($"Instance {id} not found");
        var host = model.NodeOf(instance)?.Hostname;
        if (host != source)
            return ModelEffect.WouldSkip($"Instance {id} is not running on source node {source} (currently on {host})");
        if (destination is null)
            return ModelEffect.Unknown("Nova's scheduler picks the destination when the action runs; the server is counted on its source node");
        if (model.FindNodeByHostname(destination) is not { } target) return ModelEffect.WouldFail($"Destination node {destination} not found");
        if (!target.IsEnabled) return ModelEffect.WouldFail($"Destination node {destination} is not in enabled state");
        if (ModelEffect.Text(parameters, "migration_type") == "live" && instance.State != InstanceState.Active)
            return ModelEffect.WouldFail($"Live migration requires instance {id} to be active (current state: {instance.State})");
        model.MapInstance(instance, target);
        return ModelEffect.Applied;
    }

    /// <summary>Only a live migration can be aborted; a cold one runs to its confirmation.</summary>
    public bool CanAbort(JsonObject parameters) => ActionSupport.Text(parameters, "migration_type") == "live";

    public IEnumerable<string> TouchedResources(JsonObject parameters) =>
        Touched.Read(parameters, "resource_id", Touched.Server)
            .Concat(Touched.Read(parameters, "source_node", Touched.Host))
            .Concat(Touched.Read(parameters, "destination_node", Touched.Host));

    /// <summary>
    /// After a crash: wait for a migration the cloud still runs, confirm a cold one left in VERIFY_RESIZE, then judge
    /// by where the server is, as execute would have.
    /// </summary>
    public async Task<Reconciliation> ReconcileAsync(ActionContext context)
    {
        var (id, source, destination) = (context.ResourceId, context.GetString("source_node")!, context.GetString("destination_node"));
        Task<Server?> Probe() => context.Compute.GetServerAsync(id, context.CancellationToken);
        var server = await ActionSupport.PollAsync(context, Probe, s => s is null || s.TaskState is null, nova.Value.MigrationMaxRetries, Interval);
        if (server is null) return Reconciliation.NotApplied($"instance {id} no longer exists");
        if (server.TaskState is not null) return Reconciliation.Failed($"instance {id} is still {server.TaskState} after {nova.Value.MigrationMaxRetries} polls");
        var moved = destination is null ? server.Host != source : server.Host == destination;
        if (server.Status == "ERROR") return Reconciliation.Failed($"instance {id} is in ERROR on {server.Host}");
        if (!moved) return Reconciliation.NotApplied($"instance {id} is still on {server.Host}");
        if (server.Status == "VERIFY_RESIZE")
        {
            await context.Compute.ConfirmResizeAsync(id, context.CancellationToken);
            await ActionSupport.PollAsync(context, Probe, s => s is null || s.Status != "VERIFY_RESIZE", 60, ShortInterval(1.0));
        }
        return Reconciliation.Applied($"instance {id} is on {server.Host}");
    }

    private static bool IsLive(ActionContext context) => context.GetString("migration_type") == "live";

    private async Task<bool> MigrateAsync(ActionContext context, string source, string? destination)
    {
        var id = context.ResourceId;
        var before = await context.Compute.GetServerAsync(id, context.CancellationToken);
        try
        {
            if (IsLive(context)) await context.Compute.LiveMigrateAsync(id, destination, context.CancellationToken);
            else await context.Compute.ColdMigrateAsync(id, destination, context.CancellationToken);
        }
        catch (CloudException e) when (e is not CloudUnavailableException)
        {
            LogRefused(id, e.Message);
            return false;
        }
        await context.CloudChangedAsync($"{context.GetString("migration_type")} migration of {id} started");
        return IsLive(context)
            ? await WaitLiveAsync(context, source, destination)
            : await WaitColdAsync(context, source, before?.Status ?? "ACTIVE");
    }

    private async Task<bool> WaitLiveAsync(ActionContext context, string source, string? destination)
    {
        var retries = nova.Value.MigrationMaxRetries;
        Task<Server?> Probe() => context.Compute.GetServerAsync(context.ResourceId, context.CancellationToken);
        if (destination is not null)
        {
            // Stop early when the task state clears: the migration ended, wherever the server is.
            var server = await ActionSupport.PollAsync(context, Probe, s => s is null || s.Host == destination || s.TaskState is null, retries, Interval);
            return server?.Host == destination;
        }
        var final = await ActionSupport.PollAsync(context, Probe, s => s is null || s.Status is "ACTIVE" or "ERROR", retries, Interval);
        return final is { Status: "ACTIVE" } && final.Host != source;
    }

    private async Task<bool> WaitColdAsync(ActionContext context, string source, string originalStatus)
    {
        var id = context.ResourceId;
        Task<Server?> Probe() => context.Compute.GetServerAsync(id, context.CancellationToken);
        var server = await ActionSupport.PollAsync(context, Probe, s => s is null || s.Status is "VERIFY_RESIZE" or "ERROR",
            nova.Value.MigrationMaxRetries, Interval);
        if (server is not { Status: "VERIFY_RESIZE" } || server.Host == source) return false;
        try
        {
            await context.Compute.ConfirmResizeAsync(id, context.CancellationToken);
        }
        catch (CloudException e) when (e is not CloudUnavailableException)
        {
            LogRefused(id, e.Message);
            return false;
        }
        var confirmed = await ActionSupport.PollAsync(context, Probe, s => s is null || s.Status == originalStatus, 60, ShortInterval(1.0));
        return confirmed?.Status == originalStatus;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration of instance {InstanceId} was refused: {Reason}")]
    private partial void LogRefused(string instanceId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Abort of the cold migration of {InstanceId} is not supported; it runs to completion")]
    private partial void LogColdAbort(string instanceId);
}
