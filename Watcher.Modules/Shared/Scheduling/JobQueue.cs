namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// A named queue and how its server runs: worker count (read from the module's options when the servers
/// start) and how long running jobs may go on after a stop request before their cancellation token fires.
/// </summary>
public sealed record JobQueue(string Name, Func<IServiceProvider, int> Workers, Func<IServiceProvider, TimeSpan> StopGrace);
