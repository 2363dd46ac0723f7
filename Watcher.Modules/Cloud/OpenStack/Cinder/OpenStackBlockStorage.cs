using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.OpenStack.Contracts;

namespace Watcher.Modules.Cloud.OpenStack.Cinder;

/// <summary>Section <c>Watcher:Cinder</c> (upstream <c>[cinder]</c> / <c>[cinder_client]</c>).</summary>
public sealed class CinderClientOptions : ServiceClientOptions
{
    public const string Section = "Watcher:Cinder";

    /// <summary>
    /// Block-storage microversion sent with every call: 3.16 is the first where os-migrate_volume may leave the
    /// host to the scheduler (upstream sends 3, which cannot).
    /// </summary>
    public string ApiVersion { get; set; } = "3.16";
}

/// <summary>
/// <see cref="IBlockStorageCloud"/> over Cinder's REST API (v3): cinder-volume services, scheduler-stats pools
/// (detail), all projects' volumes (paged by marker), volume types with extra specs, snapshots (to tell which
/// volumes have some), os-migrate_volume and os-retype. Pools whose capacity Cinder reports as "infinite" or
/// "unknown" are left out: nothing can be balanced against them (upstream's model build fails on them instead).
/// </summary>
public sealed class OpenStackBlockStorage([FromKeyedServices(OpenStackBlockStorage.Key)] IOpenStackApi api, IOptionsMonitor<CinderClientOptions> options)
    : IBlockStorageCloud
{
    public const string Key = "cinder";
    private const int PageSize = 1000;

    public async Task<IReadOnlyList<StorageService>> ListStorageServicesAsync(CancellationToken ct = default) =>
        Array(await GetAsync("/os-services?binary=cinder-volume", ct), "services")
            .Where(s => Str(s, "binary") is null or "cinder-volume")
            .Select(s => new StorageService(Str(s, "host") ?? "", Str(s, "zone") ?? "nova", Str(s, "status") ?? "enabled", Str(s, "state") ?? "up"))
            .ToList();

    public async Task<IReadOnlyList<StoragePool>> ListPoolsAsync(CancellationToken ct = default)
    {
        var pools = new List<StoragePool>();
        foreach (var p in Array(await GetAsync("/scheduler-stats/get_pools?detail=true", ct), "pools"))
        {
            var name = Str(p, "name") ?? "";
            var c = p["capabilities"] as JsonObject ?? [];
            if (Num(c, "total_capacity_gb") is not { } total || Num(c, "free_capacity_gb") is not { } free) continue;
            pools.Add(new StoragePool
            {
                Name = name, TotalCapacityGb = total, FreeCapacityGb = free,
                AllocatedCapacityGb = Num(c, "allocated_capacity_gb") ?? 0,
                ProvisionedCapacityGb = Num(c, "provisioned_capacity_gb") ?? Num(c, "allocated_capacity_gb") ?? 0,
                TotalVolumes = (int)(Num(c, "total_volumes") ?? 0),
                ReservedPercentage = Num(c, "reserved_percentage") ?? 0,
                // "auto" lets Cinder compute it; 1.0 is the conservative reading.
                MaxOverSubscriptionRatio = Num(c, "max_over_subscription_ratio") ?? 1.0,
                ThinProvisioningSupport = Bool(c, "thin_provisioning_support") ?? false,
                ThickProvisioningSupport = Bool(c, "thick_provisioning_support") ?? true,
                VolumeBackendName = Str(c, "volume_backend_name") ?? Backend(name),
                PoolName = Str(c, "pool_name") ?? (name.Contains('#') ? name[(name.IndexOf('#') + 1)..] : name),
            });
        }
        return pools;
    }

    public async Task<IReadOnlyList<CloudVolume>> ListVolumesAsync(CancellationToken ct = default)
    {
        var withSnapshots = Array(await GetAsync("/snapshots/detail?all_tenants=1", ct), "snapshots")
            .Select(s => Str(s, "volume_id")).OfType<string>().ToHashSet();
        var volumes = new List<CloudVolume>();
        string? marker = null;
        while (true)
        {
            var page = Array(await GetAsync($"/volumes/detail?all_tenants=1&limit={PageSize}" + (marker is null ? "" : $"&marker={marker}"), ct), "volumes");
            volumes.AddRange(page.Select(v => ToVolume(v, withSnapshots)));
            if (page.Count < PageSize) return volumes;
            marker = volumes[^1].Id;
        }
    }

    public async Task<CloudVolume?> GetVolumeAsync(string volumeId, CancellationToken ct = default)
    {
        try
        {
            var volume = (await GetAsync($"/volumes/{Uri.EscapeDataString(volumeId)}", ct))?["volume"] as JsonObject;
            return volume is null ? null : ToVolume(volume, []);
        }
        catch (CloudNotFoundException)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<VolumeType>> ListVolumeTypesAsync(CancellationToken ct = default) =>
        Array(await GetAsync("/types?is_public=None", ct), "volume_types")
            .Select(t => new VolumeType(Str(t, "id") ?? "", Str(t, "name") ?? "",
                (t["extra_specs"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue v ? v.ToString() : "")))
            .ToList();

    public async Task MigrateVolumeAsync(string volumeId, string? host, bool forceHostCopy = false, bool lockVolume = true, CancellationToken ct = default)
    {
        var body = new JsonObject { ["force_host_copy"] = forceHostCopy, ["lock_volume"] = lockVolume };
        if (host is not null) body["host"] = host;
        await ActionAsync(volumeId, new JsonObject { ["os-migrate_volume"] = body }, ct);
    }

    public Task RetypeVolumeAsync(string volumeId, string newType, string migrationPolicy = "on-demand", CancellationToken ct = default) =>
        ActionAsync(volumeId, new JsonObject { ["os-retype"] = new JsonObject { ["new_type"] = newType, ["migration_policy"] = migrationPolicy } }, ct);

    private Task ActionAsync(string volumeId, JsonObject body, CancellationToken ct) =>
        api.SendAsync(HttpMethod.Post, $"/volumes/{Uri.EscapeDataString(volumeId)}/action", body, Headers, ct);

    private Task<JsonNode?> GetAsync(string path, CancellationToken ct) => api.GetAsync(path, Headers, ct);

    private Dictionary<string, string> Headers => new() { ["OpenStack-API-Version"] = "volume " + options.CurrentValue.ApiVersion };

    private static CloudVolume ToVolume(JsonObject v, HashSet<string> withSnapshots)
    {
        var id = Str(v, "id") ?? "";
        return new CloudVolume
        {
            Id = id,
            Name = Str(v, "name") ?? "",
            Size = (int)(Num(v, "size") ?? 0),
            Status = Str(v, "status") ?? "",
            MigrationStatus = Str(v, "migration_status"),
            Host = Str(v, "os-vol-host-attr:host"),
            VolumeType = Str(v, "volume_type"),
            Bootable = Bool(v, "bootable") ?? false,
            Multiattach = Bool(v, "multiattach") ?? false,
            ProjectId = Str(v, "os-vol-tenant-attr:tenant_id") ?? "",
            SnapshotId = Str(v, "snapshot_id"),
            HasSnapshots = withSnapshots.Contains(id),
            Attachments = Array(v, "attachments")
                .Select(a => new VolumeAttachment(Str(a, "server_id") ?? "", Str(a, "attachment_id") ?? Str(a, "id") ?? "")).ToList(),
            Metadata = v["metadata"] is JsonObject md ? (JsonObject)JsonNode.Parse(md.ToJsonString())! : new JsonObject(),
            AvailabilityZone = Str(v, "availability_zone"),
            CreatedAt = Str(v, "created_at") is { } created
                ? DateTimeOffset.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
                : null,
        };
    }

    private static string Backend(string poolName)
    {
        var host = poolName.Contains('#') ? poolName[..poolName.IndexOf('#')] : poolName;
        return host.Contains('@') ? host[(host.IndexOf('@') + 1)..] : host;
    }

    private static List<JsonObject> Array(JsonNode? node, string key) => (node?[key] as JsonArray ?? []).OfType<JsonObject>().ToList();

    private static string? Str(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>Cinder reports capacities as numbers or numeric strings; "infinite", "unknown", "auto" read as null.</summary>
    private static double? Num(JsonObject o, string key) => o[key] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.GetValue<double>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String
            && double.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d) => d,
        _ => null,
    };

    /// <summary>Booleans come as JSON booleans or as "true"/"false" strings (bootable).</summary>
    private static bool? Bool(JsonObject o, string key) => o[key] switch
    {
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => bool.TryParse(v.GetValue<string>(), out var b) ? b : null,
        _ => null,
    };
}
