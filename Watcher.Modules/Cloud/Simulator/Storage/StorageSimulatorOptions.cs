namespace Watcher.Modules.Cloud.Simulator.Storage;

/// <summary>Section <c>Watcher:Simulator:Storage</c>: how the embedded Cinder and Ironic behave.</summary>
public sealed class StorageSimulatorOptions
{
    /// <summary>Simulated duration of a volume migration (migration_status "migrating" meanwhile).</summary>
    public double VolumeMigrationSeconds { get; set; } = 3;

    /// <summary>Simulated duration of a retype the volume's backend serves in place (status "retyping").</summary>
    public double VolumeRetypeSeconds { get; set; } = 1;

    /// <summary>Volume ids or names whose migrations and retypes fail on purpose (for tests and demos of failure paths).</summary>
    public List<string> FailVolumeOperationsOf { get; set; } = [];

    /// <summary>Simulated duration of a bare-metal node's power change (target_power_state set meanwhile).</summary>
    public double BareMetalPowerSeconds { get; set; } = 5;

    /// <summary>Bare-metal node uuids or names whose power changes fail on purpose (the node stays as it was).</summary>
    public List<string> FailPowerChangesOf { get; set; } = [];

    public StorageSchedulerOptions Scheduler { get; set; } = new();
}
