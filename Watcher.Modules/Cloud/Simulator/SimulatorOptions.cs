using Watcher.Modules.Cloud.Simulator.Metrics;
using Watcher.Modules.Cloud.Simulator.Scheduling;
using Watcher.Modules.Cloud.Simulator.Storage;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>Section <c>Watcher:Simulator</c>: what the embedded cloud starts with and how it behaves.</summary>
public sealed class SimulatorOptions
{
    public const string Section = "Watcher:Simulator";

    /// <summary>A watcher-scenario/1 file to seed the cloud from; empty = the built-in <see cref="DemoCluster"/>.</summary>
    public string ScenarioFile { get; set; } = "";

    /// <summary>Simulated duration of a live migration (status MIGRATING meanwhile).</summary>
    public double LiveMigrationSeconds { get; set; } = 2;

    /// <summary>Simulated duration of a cold migration (status RESIZE meanwhile, then VERIFY_RESIZE).</summary>
    public double ColdMigrationSeconds { get; set; } = 4;

    /// <summary>Simulated duration of a resize (status RESIZE meanwhile, then VERIFY_RESIZE).</summary>
    public double ResizeSeconds { get; set; } = 4;

    /// <summary>Nova's allow_resize_to_same_host (default false: a resize moves the server to another host).</summary>
    public bool AllowResizeToSameHost { get; set; }

    /// <summary>Simulated time a compute host's machine takes to power on or off.</summary>
    public double NodePowerSeconds { get; set; } = 2;

    /// <summary>
    /// Where the cloud's state (placements, service and power states, migrations in flight) is kept across restarts:
    /// a SQLite file. Empty = beside the database (watcher.db → watcher.simulator.db); "none" = memory only (every
    /// start begins from the scenario again). Delete the file to reset the simulated cloud.
    /// </summary>
    public string StateFile { get; set; } = "";

    /// <summary>Server ids or names whose migrations fail on purpose (for tests and demos of failure paths).</summary>
    public List<string> FailMigrationsOf { get; set; } = [];

    public SchedulerOptions Scheduler { get; set; } = new();

    /// <summary>The embedded Cinder and Ironic: operation times, failures on purpose, the volume scheduler.</summary>
    public StorageSimulatorOptions Storage { get; set; } = new();

    /// <summary>How metrics move over time: load profiles, thermal model, cache sharing.</summary>
    public SimulatedMetricsOptions Metrics { get; set; } = new();
}
