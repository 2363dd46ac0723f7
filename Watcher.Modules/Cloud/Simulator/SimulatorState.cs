using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>A simulated hypervisor and its nova-compute service. Mutated only under the cloud's lock.</summary>
internal sealed class SimHost
{
    public required Hypervisor Hypervisor { get; set; }
    /// <summary>The scenario's host metrics; used for metrics that placement cannot derive.</summary>
    public Dictionary<string, ScenarioMetric> Metrics { get; init; } = new();
    /// <summary>Power, outlet temperature and airflow as the model put them at seeding (scenario figures move from there).</summary>
    public Dictionary<string, double> ThermalAtSeed { get; } = new();
    /// <summary>Last-level cache the host's servers share (bytes).</summary>
    public double L3Capacity { get; set; } = double.PositiveInfinity;
    public string Hostname => Hypervisor.Hostname;
}

internal enum MigrationKind { Live, Cold }

/// <summary>A migration in flight: it ends, in simulated time, at <see cref="EndsAt"/>.</summary>
internal sealed record SimMigration(
    MigrationKind Kind, string Source, string Destination, DateTimeOffset EndsAt, bool WillFail, string PreviousVmState);

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
    public int Vcpus { get; init; }
    public int MemoryMb { get; init; }
    public int DiskGb { get; init; }
    public string FlavorName { get; init; } = "";
    public JsonObject Metadata { get; init; } = new();
    public Dictionary<string, ScenarioMetric> Metrics { get; init; } = new();
    /// <summary>The load profile its figures follow over time (Metrics/LoadProfiles).</summary>
    public string Profile { get; init; } = "steady";

    public SimMigration? Migration { get; set; }

    /// <summary>After a cold migration, until confirmResize: the source host (still holding resources) and the vm_state to return to.</summary>
    public (string? SourceHost, string PreviousVmState)? PendingResize { get; set; }

    public Server ToServer() => new()
    {
        Id = Id, Name = Name, Status = Status, VmState = VmState, TaskState = TaskState, Host = Host,
        ProjectId = ProjectId, Locked = Locked, Vcpus = Vcpus, MemoryMb = MemoryMb, DiskGb = DiskGb,
        FlavorName = FlavorName, Metadata = (JsonObject)JsonNode.Parse(Metadata.ToJsonString())!,
        // Like Placement, a migration in flight holds the server's resources on both hosts.
        MigrationPeerHost = Migration?.Destination ?? PendingResize?.SourceHost,
    };
}
