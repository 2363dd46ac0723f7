namespace Watcher.Modules.Cloud.Simulator.Metrics;

/// <summary>
/// Section <c>Watcher:Simulator:Metrics</c>: how the simulated cloud's metrics move over time. Every server follows
/// a load profile (a factor on the load its scenario gives it); hosts add up their servers and turn load into
/// power, temperatures and airflow.
/// </summary>
public sealed class SimulatedMetricsOptions
{
    /// <summary>Seed of every pseudo-random choice (diurnal phases, spike times): the same seed, the same figures.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Profile of servers not named in <see cref="Profiles"/> and without one in the scenario.</summary>
    public string DefaultProfile { get; set; } = LoadProfiles.Steady;

    /// <summary>Server name or id → profile: steady, diurnal, spikes or burst. Wins over the scenario's.</summary>
    public Dictionary<string, string> Profiles { get; set; } = new();

    /// <summary>diurnal: load swings by this fraction around its base (0.5 = from half to one and a half).</summary>
    public double DiurnalAmplitude { get; set; } = 0.5;
    public double DiurnalPeriodHours { get; set; } = 24;

    /// <summary>spikes: time is cut into slots of <see cref="SpikeSeconds"/>; a slot is a spike with this chance.</summary>
    public double SpikeProbability { get; set; } = 0.1;
    public double SpikeFactor { get; set; } = 3;
    public double SpikeSeconds { get; set; } = 300;

    /// <summary>
    /// burst: a job that runs <see cref="BurstSeconds"/> every <see cref="BurstEverySeconds"/>, the first one
    /// starting <see cref="BurstStartSeconds"/> after the simulator (negative: before it, so it is under way).
    /// </summary>
    public double BurstFactor { get; set; } = 10;
    public double BurstSeconds { get; set; } = 600;
    public double BurstEverySeconds { get; set; } = 1800;
    public double BurstStartSeconds { get; set; } = -60;

    /// <summary>Spacing of the samples a period is aggregated over (mean, min, max).</summary>
    public double SampleSeconds { get; set; } = 10;

    /// <summary>RAM in use moves by this share of the load factor's change (memory is stickier than CPU).</summary>
    public double RamSwing { get; set; } = 0.1;

    /// <summary>Last-level cache a host shares among its servers; beyond it their shares shrink in proportion.</summary>
    public double HostL3CacheBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Cache a server uses when its scenario gives none: a floor plus a share per CPU percent.</summary>
    public double L3BaseBytes { get; set; } = 1024 * 1024;
    public double L3BytesPerCpuPercent { get; set; } = 64 * 1024;

    /// <summary>Host power: idle plus the CPU share of the span to full load (W).</summary>
    public double IdlePowerWatts { get; set; } = 120;
    public double MaxPowerWatts { get; set; } = 320;

    /// <summary>Inlet temperature of hosts whose scenario gives none (°C).</summary>
    public double InletTemperature { get; set; } = 22;

    /// <summary>Outlet = inlet + a rise from idle to full load (°C).</summary>
    public double OutletRiseIdle { get; set; } = 8;
    public double OutletRiseFull { get; set; } = 20;

    /// <summary>Airflow (0.1 CFM): a floor, more per watt, and more per degree of inlet above the default inlet.</summary>
    public double AirflowBase { get; set; } = 120;
    public double AirflowPerWatt { get; set; } = 1.0;
    public double AirflowPerInletDegree { get; set; } = 40;
}
