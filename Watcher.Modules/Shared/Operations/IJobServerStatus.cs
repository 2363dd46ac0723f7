namespace Watcher.Modules.Shared.Operations;

/// <summary>
/// Whether this process's background processing (scheduled and queued jobs) is running — the "job server running"
/// part of readiness. One implementation per job system: today Quartz and the in-process queue workers
/// (<see cref="Scheduling.QuartzJobServerStatus"/>); Hangfire's replaces it with one registration line.
/// </summary>
public interface IJobServerStatus
{
    Task<JobServerState> CheckAsync(CancellationToken ct);
}

/// <summary>Running or not, and a sentence saying what was seen.</summary>
public sealed record JobServerState(bool Running, string Description);
