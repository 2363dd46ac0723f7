namespace Watcher.Modules.Shared.Operations;

/// <summary>
/// Whether this process's background processing (scheduled and queued jobs) is running — the "job server running"
/// part of readiness. Implemented by the job system: <see cref="Scheduling.JobServerStatus"/> (Hangfire).
/// </summary>
public interface IJobServerStatus
{
    Task<JobServerState> CheckAsync(CancellationToken ct);
}

/// <summary>Running or not, and a sentence saying what was seen.</summary>
public sealed record JobServerState(bool Running, string Description);
