using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel.Notifications;

/// <summary>
/// Keeps the storage model fresh between syncs from Cinder's notifications (reference §10.5), as upstream does:
/// <c>capacity.pool</c> (publisher <c>capacity.*</c>) sets a pool's capacities from the payload; volume created,
/// updated, attached, detached, resized or retyped (publisher <c>volume.*</c>) updates the volume from the payload
/// and its pool from Cinder's API; <c>volume.delete.end</c> removes the volume and refreshes its pool. A pool or
/// backend the model lacks is fetched from Cinder; a volume on a pool Cinder does not report leaves the model, as
/// the collector leaves such volumes out. Nothing happens while no storage model has been built.
/// </summary>
public sealed partial class CinderNotificationHandler(StorageModelStore store, IBlockStorageCloud cloud, ILogger<CinderNotificationHandler> logger)
{
    // volume.retype is ours: upstream ignores it and waits for the next sync; Cinder sends it when a retype ends.
    private static readonly HashSet<string> VolumeUpdates =
        ["volume.create.end", "volume.update.end", "volume.attach.end", "volume.detach.end", "volume.resize.end", "volume.retype"];

    /// <summary>True when the event changed the model (false: ignored, or no model built yet).</summary>
    public async Task<bool> HandleAsync(CinderNotification n, CancellationToken ct)
    {
        Func<StorageModel, CancellationToken, Task>? change = n.EventType switch
        {
            "capacity.pool" when n.PublisherId.StartsWith("capacity", StringComparison.Ordinal)
                => (model, token) => UpdateCapacityAsync(model, n.Payload, token),
            var e when VolumeUpdates.Contains(e) && n.PublisherId.StartsWith("volume", StringComparison.Ordinal)
                => (model, token) => UpdateVolumeAsync(model, n.Payload, token),
            "volume.delete.end" when n.PublisherId.StartsWith("volume", StringComparison.Ordinal)
                => (model, token) => DeleteVolumeAsync(model, n.Payload, token),
            _ => null,
        };
        if (change is null) return false;
        var applied = await store.ApplyAsync(change, ct);
        if (applied) LogApplied(n.EventType, Text(n.Payload, "volume_id") ?? Text(n.Payload, "name_to_id") ?? "");
        return applied;
    }

    private async Task UpdateCapacityAsync(StorageModel model, JsonObject p, CancellationToken ct)
    {
        if (Text(p, "name_to_id") is not { } name || await PoolAsync(model, name, ct) is not { } pool) return;
        pool.TotalCapacityGb = Num(p, "total") ?? pool.TotalCapacityGb;
        pool.FreeCapacityGb = Num(p, "free") ?? pool.FreeCapacityGb;
        pool.ProvisionedCapacityGb = Num(p, "provisioned") ?? pool.ProvisionedCapacityGb;
        pool.AllocatedCapacityGb = Num(p, "allocated") ?? pool.AllocatedCapacityGb;
        pool.VirtualFree = Num(p, "virtual_free") ?? ScenarioStorage.VirtualFree(pool);
    }

    private async Task UpdateVolumeAsync(StorageModel model, JsonObject p, CancellationToken ct)
    {
        if (Text(p, "volume_id") is not { } id) return;
        var volume = model.FindVolume(id);
        var before = volume?.Host;
        if (volume is null)
        {
            volume = new Volume { Uuid = id };
            model.AddVolume(volume);
        }
        volume.Name = Text(p, "display_name") ?? "";
        volume.Size = (int)(Num(p, "size") ?? volume.Size);
        volume.Status = Text(p, "status") ?? volume.Status;
        volume.Attachments = (p["volume_attachment"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(a => Text(a, "instance_uuid") is not null)
            .Select(a => new VolumeAttachmentRef(Text(a, "instance_uuid")!, Text(a, "id") ?? "")).ToList();
        volume.SnapshotId = Text(p, "snapshot_id");
        volume.ProjectId = Text(p, "tenant_id") ?? volume.ProjectId;
        volume.Metadata = Metadata(p["metadata"]);
        volume.Bootable = p.ContainsKey("glance_metadata");   // Cinder adds it only for a bootable volume
        if (Text(p, "volume_type") is { } type) volume.VolumeType = await TypeNameAsync(model, type, ct);
        if (DateTimeOffset.TryParse(Text(p, "created_at"), out var created)) volume.CreatedAt = created;
        volume.Host = Text(p, "host");

        var pool = volume.Host is null ? null : await PoolAsync(model, volume.Host, ct);
        if (pool is null)
        {
            LogUnknownPool(volume.Host ?? "(none)", id);
            model.RemoveVolume(volume);
        }
        await RefreshPoolsAsync(model, ct, before, volume.Host);
    }

    private async Task DeleteVolumeAsync(StorageModel model, JsonObject p, CancellationToken ct)
    {
        if (Text(p, "volume_id") is not { } id) return;
        var volume = model.FindVolume(id);
        var host = volume?.Host;
        if (volume is not null) model.RemoveVolume(volume);
        await RefreshPoolsAsync(model, ct, host, Text(p, "host"));
    }

    /// <summary>The pools' capacities and volume counts as Cinder reports them now.</summary>
    private async Task RefreshPoolsAsync(StorageModel model, CancellationToken ct, params string?[] names)
    {
        var wanted = names.OfType<string>().Where(name => model.FindPool(name) is not null).Distinct().ToList();
        if (wanted.Count == 0) return;
        var reported = await cloud.ListPoolsAsync(ct);
        foreach (var name in wanted)
        {
            if (reported.FirstOrDefault(r => r.Name == name) is not { } r) continue;
            var fresh = StorageModelCollector.ToPool(r);
            var pool = model.FindPool(name)!;
            pool.TotalVolumes = fresh.TotalVolumes;
            pool.TotalCapacityGb = fresh.TotalCapacityGb;
            pool.FreeCapacityGb = fresh.FreeCapacityGb;
            pool.ProvisionedCapacityGb = fresh.ProvisionedCapacityGb;
            pool.AllocatedCapacityGb = fresh.AllocatedCapacityGb;
            pool.VirtualFree = fresh.VirtualFree;
        }
    }

    /// <summary>The model's pool, or Cinder's (added with its backend) when the model lacks it; null when Cinder has none.</summary>
    private async Task<Pool?> PoolAsync(StorageModel model, string name, CancellationToken ct)
    {
        if (model.FindPool(name) is { } known) return known;
        if ((await cloud.ListPoolsAsync(ct)).FirstOrDefault(p => p.Name == name) is not { } reported) return null;
        var pool = StorageModelCollector.ToPool(reported);
        if (model.FindNode(pool.NodeHost) is null)
        {
            if ((await cloud.ListStorageServicesAsync(ct)).FirstOrDefault(s => s.Host == pool.NodeHost) is not { } service) return null;
            var node = new StorageNode { Host = service.Host, Zone = service.Zone, Status = service.Status, State = service.State };
            node.VolumeTypes = model.TypesServedBy(node.BackendName);
            model.AddNode(node);
        }
        model.AddPool(pool);
        return pool;
    }

    /// <summary>Cinder's payload names the type by id; the model (or else Cinder) gives its name.</summary>
    private async Task<string> TypeNameAsync(StorageModel model, string idOrName, CancellationToken ct)
    {
        if (model.FindVolumeType(idOrName) is { } known) return known.Name;
        var type = (await cloud.ListVolumeTypesAsync(ct)).FirstOrDefault(t => t.Id == idOrName || t.Name == idOrName);
        if (type is null) return idOrName;
        model.AddVolumeType(new StorageVolumeType(type.Id, type.Name, type.ExtraSpecs));
        return type.Name;
    }

    /// <summary>Volume metadata as an object; Cinder's legacy payload may carry it as a list of {key, value}.</summary>
    private static JsonObject Metadata(JsonNode? node) => node switch
    {
        JsonObject o => (JsonObject)o.DeepClone(),
        JsonArray items => new JsonObject(items.OfType<JsonObject>()
            .Where(i => Text(i, "key") is not null)
            .Select(i => KeyValuePair.Create(Text(i, "key")!, i["value"]?.DeepClone()))
            .DistinctBy(kv => kv.Key)),
        _ => new JsonObject(),
    };

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static double? Num(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>()
        : o[key] is JsonValue s && s.TryGetValue<string>(out var text) && double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d
        : null;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notification {EventType} applied to the storage model ({Subject})")]
    private partial void LogApplied(string eventType, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Volume {Volume} is on pool {Pool}, which Cinder does not report; left out of the storage model")]
    private partial void LogUnknownPool(string pool, string volume);
}
