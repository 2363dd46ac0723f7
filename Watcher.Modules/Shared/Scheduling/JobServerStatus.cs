using Hangfire;
using Watcher.Modules.Shared.Operations;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// Whether this process's job servers are up, for readiness: each registered itself in the job storage and
/// beat recently (Hangfire removes a server's record when it stops). A process started with
/// Watcher:Jobs:ProcessJobs=false runs none by design, and says so.
/// </summary>
public sealed class JobServerStatus(JobStorage storage, JobServers servers) : IJobServerStatus
{
    /// <summary>How old a server's last beat may be (Hangfire servers beat every 30 s).</summary>
    public static readonly TimeSpan MaxHeartbeatAge = TimeSpan.FromMinutes(2);

    public Task<JobServerState> CheckAsync(CancellationToken ct)
    {
        if (!servers.Enabled)
            return Task.FromResult(new JobServerState(true, "this process runs no job server (Watcher:Jobs:ProcessJobs=false)"));
        var running = IsRunning(out var detail);
        return Task.FromResult(new JobServerState(running, detail));
    }

    /// <summary>True when every server of this process is registered and beating; <paramref name="detail"/> says which are not.</summary>
    public bool IsRunning(out string detail)
    {
        var expected = servers.ServerNames;
        var known = storage.GetMonitoringApi().Servers();
        // Hangfire stamps server heartbeats with its own (real) clock.
        var now = DateTime.UtcNow;
        var missing = expected.Where(name => !known.Any(s =>
            s.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase) && s.Heartbeat is { } beat && now - beat <= MaxHeartbeatAge)).ToList();
        detail = missing.Count == 0
            ? $"{expected.Count} job servers running (queues {string.Join(", ", servers.QueueNames)})"
            : "job servers not running: " + string.Join(", ", missing);
        return servers.Enabled && missing.Count == 0;
    }
}

/// <summary>Jobs waiting in each of Hangfire's queues (the watcher_job_queue_length metric).</summary>
internal sealed class HangfireQueueLengths(JobStorage storage, JobServers servers) : IJobQueueLengths
{
    public IEnumerable<JobQueueLength> Measure()
    {
        var monitoring = storage.GetMonitoringApi();
        return servers.QueueNames.Select(q => new JobQueueLength(q, monitoring.EnqueuedCount(q))).ToList();
    }
}
