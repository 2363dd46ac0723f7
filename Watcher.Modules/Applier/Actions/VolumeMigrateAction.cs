using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud;

namespace Watcher.Modules.Applier.Actions;

/// <summary>
/// Moves a Cinder volume to another pool (<c>migrate</c>; <c>swap</c> is its alias, as at upstream HEAD) or changes its
/// type (<c>retype</c>, Cinder moving it when the new type lives on another backend) — reference §9.8. The
/// pre-condition skips a volume that is gone or already there and fails on an unknown type or pool; execution checks
/// that an attached volume's server is ACTIVE or PAUSED and that the destination serves the volume's type, then polls
/// Cinder until the move ends. Abort and revert are no-ops, as upstream's.
/// </summary>
public sealed partial class VolumeMigrateAction(
    IBlockStorageCloud storage, IOptions<ActionPollingOptions> polling, ILogger<VolumeMigrateAction> logger) : IAction
{
    public const string PluginName = "volume_migrate";

    public string Name => PluginName;
    public string Description => "Moving a volume to destination_node or destination_type";

    private const string Schema = """
        {
        "type": "object",
        "properties": {
          "resource_id": { "type": "string", "minLength": 1, "pattern": "^([a-fA-F0-9]){8}-([a-fA-F0-9]){4}-([a-fA-F0-9]){4}-([a-fA-F0-9]){4}-([a-fA-F0-9]){12}$" },
          "resource_name": { "type": "string" },
          "migration_type": { "type": "string", "enum": ["swap", "retype", "migrate"] },
          "destination_node": { "type": ["string", "null"] },
          "destination_type": { "type": ["string", "null"] }
        },
        "required": ["resource_id", "migration_type"],
        "additionalProperties": false
        }
        """;

    public JsonObject InputSchema => ActionSupport.ParseSchema(Schema);

    private TimeSpan Interval => TimeSpan.FromSeconds(polling.Value.VolumeInterval);

    private static bool IsRetype(ActionContext context) => context.GetString("migration_type") == "retype";

    public async Task PreConditionAsync(ActionContext context)
    {
        var ct = context.CancellationToken;
        var volume = await storage.GetVolumeAsync(context.ResourceId, ct)
            ?? throw new ActionSkippedException($"Volume {context.ResourceId} not found");
        if (context.GetString("destination_type") is { } type)
        {
            if (!(await storage.ListVolumeTypesAsync(ct)).Any(t => t.Name == type || t.Id == type))
                throw new ActionFailedException($"Volume type {type} not found");
            if (IsRetype(context) && volume.VolumeType == type) throw new ActionSkippedException($"Volume type is already {type}");
        }
        if (context.GetString("destination_node") is { } pool)
        {
            if (!(await storage.ListPoolsAsync(ct)).Any(p => p.Name == pool)) throw new ActionFailedException($"Pool {pool} not found");
            if (!IsRetype(context) && volume.Host == pool) throw new ActionSkippedException($"Volume is already on node {pool}");
        }
    }

    public async Task<bool> ExecuteAsync(ActionContext context)
    {
        try
        {
            return IsRetype(context) ? await RetypeAsync(context) : await MigrateAsync(context);
        }
        catch (CloudException e) when (e is not CloudUnavailableException)
        {
            LogRefused(context.ResourceId, e.Message);
            return false;
        }
    }

    private async Task<bool> MigrateAsync(ActionContext context)
    {
        var ct = context.CancellationToken;
        var id = context.ResourceId;
        var destination = context.GetString("destination_node");
        var volume = await storage.GetVolumeAsync(id, ct);
        if (volume is null || !await CanMoveAsync(context, volume) || !await ServesTypeAsync(volume, destination, ct)) return false;

        await storage.MigrateVolumeAsync(id, destination, forceHostCopy: false, lockVolume: true, ct);
        await context.CloudChangedAsync($"migration of volume {id} requested");
        var final = await ActionSupport.PollAsync(context, () => storage.GetVolumeAsync(id, ct),
            v => v is null || v.MigrationStatus is "success" or "error", polling.Value.VolumeMaxRetries, Interval);
        if (final is null || final.MigrationStatus != "success") return false;
        // Cinder deletes the temporary copy (migration_status "target:<id>") once the move is done.
        var copies = await ActionSupport.PollAsync(context, () => TemporaryCopiesAsync(id, ct), n => n == 0, polling.Value.VolumeMaxRetries, Interval);
        return copies == 0 && (destination is null || final.Host == destination);
    }

    private async Task<bool> RetypeAsync(ActionContext context)
    {
        var ct = context.CancellationToken;
        var id = context.ResourceId;
        var type = context.GetString("destination_type");
        var volume = await storage.GetVolumeAsync(id, ct);
        if (volume is null || type is null || volume.VolumeType == type) return false;

        await storage.RetypeVolumeAsync(id, type, "on-demand", ct);
        await context.CloudChangedAsync($"retype of volume {id} requested");
        // Until the type is the new one the volume is "retyping"; any other status meanwhile means Cinder gave up.
        var final = await ActionSupport.PollAsync(context, () => storage.GetVolumeAsync(id, ct),
            v => v is null || (v.VolumeType == type && v.Status is "available" or "in-use")
                 || (v.Status != "retyping" && v.MigrationStatus is not "migrating" and not "starting" && v.VolumeType != type),
            polling.Value.VolumeMaxRetries, Interval);
        return final is not null && final.VolumeType == type && final.Status is "available" or "in-use";
    }

    /// <summary>A detached volume moves freely; an attached one only while its server is ACTIVE or PAUSED.</summary>
    private async Task<bool> CanMoveAsync(ActionContext context, CloudVolume volume)
    {
        if (volume.Attachments.Count == 0) return true;
        if (volume.Status != "in-use") return false;
        foreach (var attachment in volume.Attachments)
        {
            var server = await context.Compute.GetServerAsync(attachment.ServerId, context.CancellationToken);
            if (server?.Status is not ("ACTIVE" or "PAUSED"))
            {
                LogServerNotReady(volume.Id, attachment.ServerId, server?.Status ?? "gone");
                return false;
            }
        }
        return true;
    }

    /// <summary>The destination pool's backend serves the volume's type (an untyped volume, or a type without a backend, goes anywhere).</summary>
    private async Task<bool> ServesTypeAsync(CloudVolume volume, string? destination, CancellationToken ct)
    {
        if (destination is null || volume.VolumeType is null) return true;
        var backend = (await storage.ListVolumeTypesAsync(ct)).FirstOrDefault(t => t.Name == volume.VolumeType)?.BackendName;
        if (backend is null) return true;
        var pool = (await storage.ListPoolsAsync(ct)).FirstOrDefault(p => p.Name == destination);
        if (pool?.VolumeBackendName == backend) return true;
        LogTypeNotServed(volume.Id, volume.VolumeType, destination);
        return false;
    }

    private async Task<int> TemporaryCopiesAsync(string id, CancellationToken ct) =>
        (await storage.ListVolumesAsync(ct)).Count(v => v.MigrationStatus == $"target:{id}");

    public Task PostConditionAsync(ActionContext context) => Task.CompletedTask;

    /// <summary>Upstream reports "not aborted": the action ends SUCCEEDED.</summary>
    public Task<bool> AbortAsync(ActionContext context) => Task.FromResult(false);

    public Task<bool> RevertAsync(ActionContext context) => Task.FromResult(false);

    public bool CanAbort(JsonObject parameters) => false;

    public IEnumerable<string> TouchedResources(JsonObject parameters) =>
        Touched.Read(parameters, "resource_id", Touched.Volume).Concat(Touched.Read(parameters, "destination_node", Touched.Pool));

    public async Task<Reconciliation> ReconcileAsync(ActionContext context)
    {
        var ct = context.CancellationToken;
        var id = context.ResourceId;
        var volume = await ActionSupport.PollAsync(context, () => storage.GetVolumeAsync(id, ct),
            v => v is null || (v.Status != "retyping" && v.MigrationStatus is not "migrating" and not "starting"),
            polling.Value.VolumeMaxRetries, Interval);
        if (volume is null) return Reconciliation.NotApplied($"volume {id} is gone");
        var applied = IsRetype(context)
            ? volume.VolumeType == context.GetString("destination_type")
            : context.GetString("destination_node") is { } pool ? volume.Host == pool : volume.MigrationStatus == "success";
        if (applied) return Reconciliation.Applied($"volume {id} is on {volume.Host} with type {volume.VolumeType}");
        return volume.MigrationStatus == "error"
            ? Reconciliation.Failed($"Cinder's migration of volume {id} ended in error")
            : Reconciliation.NotApplied($"volume {id} is still on {volume.Host} with type {volume.VolumeType}");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume {VolumeId} was not moved: Cinder said {Reason}")]
    private partial void LogRefused(string volumeId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume {VolumeId} was not moved: its server {ServerId} is {Status}, not ACTIVE or PAUSED")]
    private partial void LogServerNotReady(string volumeId, string serverId, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume {VolumeId} was not moved: pool {Pool} does not serve its type {VolumeType}")]
    private partial void LogTypeNotServed(string volumeId, string volumeType, string pool);
}
