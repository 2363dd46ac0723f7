namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>
/// A Nova weigher: a raw weight per host (bigger = better). The scheduler normalises raw weights to [0, 1]
/// across the candidates and multiplies by <see cref="Multiplier"/>, as Nova does.
/// </summary>
public interface IHostWeigher
{
    string Name { get; }

    double Multiplier(SchedulerOptions options);

    double RawWeight(HostState host);
}
