using System.Text.Json.Nodes;

namespace Watcher.Modules.Cloud;

/// <summary>
/// What Watcher needs from a compute cloud (Nova + Placement), shaped like their REST APIs so that the embedded
/// simulator and a real OpenStack backend are interchangeable. Collectors read through it, actions act through it.
/// Operations that start long work (migrations) return once the cloud accepted the request; callers poll
/// <see cref="GetServerAsync"/> as they would poll Nova.
/// </summary>
public interface IComputeCloud
{
    /// <summary>Hypervisors with capacity (Placement inventories) and their nova-compute service.</summary>
    Task<IReadOnlyList<Hypervisor>> ListHypervisorsAsync(CancellationToken ct = default);

    /// <summary>The hypervisor of one compute host, or null (a notification named a host the model lacks).</summary>
    async Task<Hypervisor?> FindHypervisorAsync(string host, CancellationToken ct = default) =>
        (await ListHypervisorsAsync(ct)).FirstOrDefault(h => h.Hostname == host);

    /// <summary>All servers of all projects, including their host.</summary>
    Task<IReadOnlyList<Server>> ListServersAsync(CancellationToken ct = default);

    /// <summary>One server, or null when it does not exist.</summary>
    Task<Server?> GetServerAsync(string serverId, CancellationToken ct = default);

    Task<IReadOnlyList<ComputeService>> ListComputeServicesAsync(CancellationToken ct = default);

    /// <summary>Enable or disable the nova-compute service of a host; returns the service as it now is.</summary>
    Task<ComputeService> SetComputeServiceStatusAsync(string host, bool enabled, string? disabledReason, CancellationToken ct = default);

    /// <summary>os-migrateLive. Null host lets the scheduler choose. Throws <see cref="CloudException"/> when refused.</summary>
    Task LiveMigrateAsync(string serverId, string? host, CancellationToken ct = default);

    /// <summary>migrate (cold). Null host lets the scheduler choose. The server ends in VERIFY_RESIZE.</summary>
    Task ColdMigrateAsync(string serverId, string? host, CancellationToken ct = default);

    /// <summary>confirmResize after a cold migration or resize.</summary>
    Task ConfirmResizeAsync(string serverId, CancellationToken ct = default);

    /// <summary>Abort the in-progress live migration of a server, if any.</summary>
    Task AbortLiveMigrationAsync(string serverId, CancellationToken ct = default);

    /// <summary>os-stop.</summary>
    Task StopServerAsync(string serverId, CancellationToken ct = default);

    /// <summary>os-start.</summary>
    Task StartServerAsync(string serverId, CancellationToken ct = default);

    /// <summary>Flavors the cloud offers (all projects' for an admin).</summary>
    Task<IReadOnlyList<Flavor>> ListFlavorsAsync(CancellationToken ct = default) =>
        throw new CloudException($"Listing flavors is not supported by the {GetType().Name} backend");

    /// <summary>resize to a flavor (id or name); the server ends in VERIFY_RESIZE, then <see cref="ConfirmResizeAsync"/>.</summary>
    Task ResizeAsync(string serverId, string flavor, CancellationToken ct = default) =>
        throw new CloudException($"Resizing servers is not supported by the {GetType().Name} backend");
}

/// <summary>A flavor: the size a server is booted or resized to.</summary>
public sealed record Flavor(string Id, string Name, int Vcpus, int MemoryMb, int DiskGb, int EphemeralGb = 0, int SwapMb = 0);

/// <summary>
/// Whether the configured cloud answers, for a readiness check: cheap calls only (no listing), never throws
/// for an unreachable cloud.
/// </summary>
public interface ICloudProbe
{
    Task<CloudProbeResult> ProbeAsync(CancellationToken ct = default);
}

/// <summary>Reachable or not, and a sentence saying what was tried or what failed.</summary>
public sealed record CloudProbeResult(bool Reachable, string Description);

/// <summary>A refusal or failure reported by the cloud (Nova 4xx/5xx, NoValidHost...).</summary>
public class CloudException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The HTTP status the service answered, when the failure was an HTTP answer.</summary>
    public int? StatusCode { get; init; }
}

/// <summary>A hypervisor and its compute service, with Placement-style inventory.</summary>
public sealed record Hypervisor
{
    public required string Uuid { get; init; }
    public required string Hostname { get; init; }
    public string ServiceStatus { get; init; } = "enabled";   // enabled | disabled
    public string ServiceState { get; init; } = "up";         // up | down
    public string? DisabledReason { get; init; }
    public int Vcpus { get; init; }
    public int VcpuReserved { get; init; }
    public double VcpuAllocationRatio { get; init; } = 1.0;
    public int MemoryMb { get; init; }
    public int MemoryMbReserved { get; init; }
    public double MemoryAllocationRatio { get; init; } = 1.0;
    public int DiskGb { get; init; }
    public int DiskGbReserved { get; init; }
    public double DiskAllocationRatio { get; init; } = 1.0;
    public string? AvailabilityZone { get; init; }
    public IReadOnlyList<string> Aggregates { get; init; } = [];
}

/// <summary>A server as Nova reports it.</summary>
public sealed record Server
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    /// <summary>Nova status: ACTIVE, SHUTOFF, PAUSED, MIGRATING, VERIFY_RESIZE, ERROR...</summary>
    public string Status { get; init; } = "ACTIVE";
    /// <summary>vm_state: active, stopped, paused, ...</summary>
    public string VmState { get; init; } = "active";
    /// <summary>task_state: null when idle, e.g. "migrating" while a live migration runs.</summary>
    public string? TaskState { get; init; }
    public string? Host { get; init; }
    public string ProjectId { get; init; } = "";
    public bool Locked { get; init; }
    public int Vcpus { get; init; }
    public int MemoryMb { get; init; }
    public int DiskGb { get; init; }
    public string FlavorName { get; init; } = "";
    public JsonObject Metadata { get; init; } = new();
    /// <summary>The hypervisor (node) name; equals <see cref="Host"/> except for clustered drivers.</summary>
    public string? HypervisorHostname { get; init; }
    public string? AvailabilityZone { get; init; }
    public DateTimeOffset? Created { get; init; }
    /// <summary>
    /// While a migration is in progress, the other host that holds this server's resources (the destination of a
    /// running migration, the source of a resize not yet confirmed); null otherwise.
    /// </summary>
    public string? MigrationPeerHost { get; init; }
}

/// <summary>A nova-compute service.</summary>
public sealed record ComputeService(string Host, string Status, string State, string? DisabledReason);
