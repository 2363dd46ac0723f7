using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.OpenStack.Nova;
using Watcher.Modules.Cloud.OpenStack.Placement;

namespace Watcher.Modules.Cloud.OpenStack;

/// <summary>
/// <see cref="IComputeCloud"/> on a real OpenStack: Nova for hypervisors, services, servers and actions,
/// Placement for capacity (reference §10.1), as upstream's nova_helper and compute model builder do.
/// </summary>
public sealed partial class OpenStackComputeCloud(
    NovaClient nova, PlacementClient placement, IOptions<OpenStackCloudOptions> options, ILogger<OpenStackComputeCloud> logger)
    : IComputeCloud
{
    private int Workers => Math.Max(1, options.Value.MaxGeneralWorkers);

    public async Task<IReadOnlyList<Hypervisor>> ListHypervisorsAsync(CancellationToken ct = default)
    {
        var hypervisors = (await nova.ListHypervisorsAsync(ct)).Where(h => !h.IsIronic).ToList();
        var services = (await nova.ListComputeServicesAsync(ct)).ToDictionary(s => s.Host, StringComparer.Ordinal);
        var aggregates = await nova.ListAggregatesAsync(ct);
        var inventories = new Dictionary<string, IReadOnlyDictionary<string, PlacementInventory>>();
        await Parallel.ForEachAsync(hypervisors, new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = ct },
            async (h, token) =>
            {
                var inventory = await placement.GetInventoriesAsync(h.Id, token);
                lock (inventories) inventories[h.Id] = inventory;
            });
        return hypervisors.Select(h => ToHypervisor(h, services.GetValueOrDefault(h.Host), aggregates, inventories[h.Id])).ToList();
    }

    /// <summary>The hypervisor of one host, or null (used when a notification names a host the model lacks).</summary>
    public async Task<Hypervisor?> FindHypervisorAsync(string host, CancellationToken ct = default)
    {
        var h = await nova.FindHypervisorAsync(host, ct);
        if (h is null || h.IsIronic) return null;
        var services = await nova.ListComputeServicesAsync(ct);
        var aggregates = await nova.ListAggregatesAsync(ct);
        return ToHypervisor(h, services.FirstOrDefault(s => s.Host == h.Host), aggregates, await placement.GetInventoriesAsync(h.Id, ct));
    }

    public async Task<IReadOnlyList<Server>> ListServersAsync(CancellationToken ct = default)
    {
        var servers = await nova.ListServersAsync(ct: ct);
        var peers = new Dictionary<string, string?>();
        // Only servers caught mid-migration need their migration record (the other host holding resources).
        var moving = servers.Where(IsMoving).ToList();
        await Parallel.ForEachAsync(moving, new ParallelOptions { MaxDegreeOfParallelism = Workers, CancellationToken = ct },
            async (s, token) =>
            {
                var peer = await MigrationPeerAsync(s, token);
                lock (peers) peers[s.Id] = peer;
            });
        return servers.Select(s => ToServer(s, peers.GetValueOrDefault(s.Id))).ToList();
    }

    public async Task<Server?> GetServerAsync(string serverId, CancellationToken ct = default) =>
        await nova.GetServerAsync(serverId, ct) is { } s ? ToServer(s, null) : null;

    public async Task<IReadOnlyList<ComputeService>> ListComputeServicesAsync(CancellationToken ct = default) =>
        (await nova.ListComputeServicesAsync(ct)).Select(ToService).ToList();

    public async Task<ComputeService> SetComputeServiceStatusAsync(string host, bool enabled, string? disabledReason, CancellationToken ct = default)
    {
        var service = (await nova.ListComputeServicesAsync(ct)).FirstOrDefault(s => s.Host == host)
            ?? throw new CloudNotFoundException($"nova-compute service {host} not found");
        var updated = await nova.UpdateServiceAsync(service, enabled, disabledReason, ct);
        LogServiceChanged(host, updated.Status, updated.DisabledReason);
        return ToService(updated);
    }

    public Task LiveMigrateAsync(string serverId, string? host, CancellationToken ct = default) =>
        nova.ServerActionAsync(serverId, new JsonObject
        {
            ["os-migrateLive"] = new JsonObject { ["host"] = host, ["block_migration"] = "auto" },
        }, ct);

    public Task ColdMigrateAsync(string serverId, string? host, CancellationToken ct = default) =>
        nova.ServerActionAsync(serverId, new JsonObject
        {
            ["migrate"] = host is null ? null : new JsonObject { ["host"] = host },
        }, ct);

    public Task ConfirmResizeAsync(string serverId, CancellationToken ct = default) =>
        nova.ServerActionAsync(serverId, new JsonObject { ["confirmResize"] = null }, ct);

    public async Task AbortLiveMigrationAsync(string serverId, CancellationToken ct = default)
    {
        var running = await nova.ListLiveMigrationsInProgressAsync(serverId, ct);
        foreach (var migration in running) await nova.AbortLiveMigrationAsync(serverId, migration.Id, ct);
    }

    public Task StopServerAsync(string serverId, CancellationToken ct = default) =>
        nova.ServerActionAsync(serverId, new JsonObject { ["os-stop"] = null }, ct);

    public Task StartServerAsync(string serverId, CancellationToken ct = default) =>
        nova.ServerActionAsync(serverId, new JsonObject { ["os-start"] = null }, ct);

    public async Task<IReadOnlyList<Flavor>> ListFlavorsAsync(CancellationToken ct = default) =>
        (await nova.ListFlavorsAsync(ct)).Select(f => new Flavor(f.Id, f.Name, f.Vcpus, f.Ram, f.Disk, f.Ephemeral, f.Swap)).ToList();

    public async Task ResizeAsync(string serverId, string flavor, CancellationToken ct = default)
    {
        var flavors = await nova.ListFlavorsAsync(ct);
        var match = flavors.FirstOrDefault(f => f.Id == flavor) ?? flavors.FirstOrDefault(f => f.Name == flavor)
            ?? throw new CloudNotFoundException($"Flavor {flavor} not found");
        await nova.ServerActionAsync(serverId, new JsonObject { ["resize"] = new JsonObject { ["flavorRef"] = match.Id } }, ct);
    }

    private static bool IsMoving(NovaServer s) =>
        s.TaskState is not null || s.Status is "MIGRATING" or "RESIZE" or "VERIFY_RESIZE";

    private async Task<string?> MigrationPeerAsync(NovaServer server, CancellationToken ct)
    {
        var migration = (await nova.ListMigrationsOfAsync(server.Id, ct)).FirstOrDefault(m => m.InProgress || m.Status == "finished");
        if (migration is null) return null;
        var peer = server.Host == migration.SourceCompute ? migration.DestCompute : migration.SourceCompute;
        return peer == server.Host ? null : peer;
    }

    private static Hypervisor ToHypervisor(NovaHypervisor h, NovaService? service, IReadOnlyList<NovaAggregate> aggregates,
        IReadOnlyDictionary<string, PlacementInventory> inventory)
    {
        var capacity = NodeCapacity.From(h, inventory);
        return new Hypervisor
        {
            Uuid = h.Id,
            Hostname = h.Host,
            ServiceStatus = service?.Status ?? h.Status,
            ServiceState = service is { ForcedDown: true } ? "down" : service?.State ?? h.State,
            DisabledReason = (service?.Status ?? h.Status) == "disabled" ? service?.DisabledReason ?? h.Service?.DisabledReason : null,
            Vcpus = capacity.Vcpus,
            VcpuReserved = capacity.VcpuReserved,
            VcpuAllocationRatio = capacity.VcpuRatio,
            MemoryMb = capacity.MemoryMb,
            MemoryMbReserved = capacity.MemoryMbReserved,
            MemoryAllocationRatio = capacity.MemoryRatio,
            DiskGb = capacity.DiskGb,
            DiskGbReserved = capacity.DiskGbReserved,
            DiskAllocationRatio = capacity.DiskRatio,
            AvailabilityZone = service?.Zone,
            Aggregates = aggregates.Where(a => a.Hosts.Contains(h.Host)).Select(a => a.Name).ToList(),
        };
    }

    /// <summary>
    /// Nova's server in Watcher's terms; disk is the local footprint as upstream counts it: root disk unless
    /// booted from volume, plus ephemeral, plus swap rounded up to GB.
    /// </summary>
    internal static Server ToServer(NovaServer s, string? migrationPeer)
    {
        var f = s.Flavor ?? new NovaEmbeddedFlavor();
        var disk = (s.BootsFromVolume ? 0 : f.Disk) + f.Ephemeral + (int)Math.Ceiling(f.Swap / 1024.0);
        return new Server
        {
            Id = s.Id,
            Name = s.Name,
            Status = s.Status,
            VmState = s.VmState ?? "",
            TaskState = s.TaskState,
            Host = s.Host,
            HypervisorHostname = s.HypervisorHostname,
            ProjectId = s.TenantId,
            Locked = s.Locked,
            Vcpus = f.Vcpus,
            MemoryMb = f.Ram,
            DiskGb = disk,
            FlavorName = f.OriginalName ?? "",
            Metadata = s.Metadata is null ? new JsonObject() : (JsonObject)s.Metadata.DeepClone(),
            AvailabilityZone = s.AvailabilityZone,
            Created = DateTimeOffset.TryParse(s.Created, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var c) ? c : null,
            MigrationPeerHost = migrationPeer,
        };
    }

    private static ComputeService ToService(NovaService s) =>
        new(s.Host, s.Status, s.ForcedDown ? "down" : s.State, s.Status == "disabled" ? s.DisabledReason : null);

    [LoggerMessage(Level = LogLevel.Information, Message = "nova-compute service {Host} is now {Status} (reason: {Reason})")]
    private partial void LogServiceChanged(string host, string status, string? reason);
}
