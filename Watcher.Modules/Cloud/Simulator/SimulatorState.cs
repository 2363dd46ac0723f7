using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>A simulated hypervisor and its nova-compute service. Mutated only under the cloud's lock.</summary>
internal sealed class SimHost
{
    public required Hypervisor Hypervisor { get; set; }
    /// <summary>The host's power, as a bare-metal service would report it: on, off, or changing (see <see cref="PowerChange"/>).</summary>
    public string PowerState { get; set; } = "on";
    public SimPowerChange? PowerChange { get; set; }
    /// <summary>The scenario's host metrics; used for metrics that placement cannot derive.</summary>
    public Dictionary<string, ScenarioMetric> Metrics { get; init; } = new();
    /// <summary>Power, outlet temperature and airflow as the model put them at seeding (scenario figures move from there).</summary>
    public Dictionary<string, double> ThermalAtSeed { get; } = new();
    /// <summary>Last-level cache the host's servers share (bytes).</summary>
    public double L3Capacity { get; set; } = double.PositiveInfinity;
    public string Hostname => Hypervisor.Hostname;
}

internal enum MigrationKind { Live, Cold, Resize }

/// <summary>A flavor footprint (the simulator's servers carry their flavor inline, as Nova's server records do).</summary>
internal sealed record SimFlavor(string Id, string Name, int Vcpus, int MemoryMb, int DiskGb);

/// <summary>
/// A migration (or resize) in flight: it ends, in simulated time, at <see cref="EndsAt"/>. A resize carries the flavor
/// the server gets; the destination claims that flavor meanwhile.
/// </summary>
internal sealed record SimMigration(
    MigrationKind Kind, string Source, string Destination, DateTimeOffset EndsAt, bool WillFail, string PreviousVmState,
    SimFlavor? NewFlavor = null);

/// <summary>
/// A cold migration or resize done but not confirmed (VERIFY_RESIZE): the source host (still holding the old flavor,
/// as Nova holds it on the migration record), the vm_state to return to, and the flavor before a resize.
/// </summary>
internal sealed record SimPendingResize(string? SourceHost, string PreviousVmState, SimFlavor? OldFlavor = null);

/// <summary>A power change in progress on a host: it completes at <see cref="EndsAt"/>.</summary>
internal sealed record SimPowerChange(string Target, DateTimeOffset EndsAt);

/// <summary>A simulated server. Mutated only under the cloud's lock.</summary>
internal sealed class SimServer
{
    public required string Id { get; init; }
    public string Name { get; init; } = "";
    public string VmState { get; set; } = InstanceState.Active;
    public string Status { get; set; } = NovaStatus.Active;
    public string? TaskState { get; set; }
    public string? Host { get; set; }
    public string ProjectId { get; init; } = "";
    public bool Locked { get; init; }
    public int Vcpus { get; set; }
    public int MemoryMb { get; set; }
    public int DiskGb { get; set; }
    public string FlavorName { get; set; } = "";
    public JsonObject Metadata { get; init; } = new();
    public Dictionary<string, ScenarioMetric> Metrics { get; init; } = new();
    /// <summary>The load profile its figures follow over time (Metrics/LoadProfiles).</summary>
    public string Profile { get; init; } = "steady";

    public SimMigration? Migration { get; set; }

    /// <summary>After a cold migration or resize, until confirmResize.</summary>
    public SimPendingResize? PendingResize { get; set; }

    /// <summary>The availability zone the server was booted into (Nova's request spec); null = any zone.</summary>
    public string? PinnedAvailabilityZone { get; set; }

    /// <summary>The server group it belongs to, if any (placement rules: affinity, anti-affinity).</summary>
    public SimServerGroup? Group { get; set; }

    /// <summary>Flavor id; empty for the scenario's inline flavors, whose name is their id.</summary>
    public string FlavorId { get; set; } = "";

    public SimFlavor Flavor => new(FlavorId == "" ? FlavorName : FlavorId, FlavorName, Vcpus, MemoryMb, DiskGb);

    public void Resize(SimFlavor flavor)
    {
        (FlavorId, FlavorName, Vcpus, MemoryMb, DiskGb) = (flavor.Id, flavor.Name, flavor.Vcpus, flavor.MemoryMb, flavor.DiskGb);
    }

    public Server ToServer() => new()
    {
        Id = Id, Name = Name, Status = Status, VmState = VmState, TaskState = TaskState, Host = Host,
        ProjectId = ProjectId, Locked = Locked, Vcpus = Vcpus, MemoryMb = MemoryMb, DiskGb = DiskGb,
        FlavorName = FlavorName, Metadata = (JsonObject)JsonNode.Parse(Metadata.ToJsonString())!,
        // Like Placement, a migration in flight holds the server's resources on both hosts.
        MigrationPeerHost = Migration?.Destination ?? PendingResize?.SourceHost,
    };
}
