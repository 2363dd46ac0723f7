namespace Watcher.Modules.Decision.Strategies.VmWorkloadConsolidation;

/// <summary>cpu in vCPUs, ram in MB, disk in GB: a utilisation or a capacity.</summary>
internal readonly record struct Usage(double Cpu, double Ram, double Disk)
{
    public Usage Plus(Usage other) => new(Cpu + other.Cpu, Ram + other.Ram, Disk + other.Disk);

    /// <summary>Upstream clamps a source node's cached utilisation at zero when an instance leaves it.</summary>
    public Usage MinusClamped(Usage other) =>
        new(Math.Max(0, Cpu - other.Cpu), Math.Max(0, Ram - other.Ram), Math.Max(0, Disk - other.Disk));
}
