using Hangfire;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// Whether this process's job servers are up, for a readiness check: each registered itself in the job
/// storage and beat recently. A process started with Watcher:Jobs:ProcessJobs=false has none.
/// </summary>
public sealed class JobServerStatus(JobStorage storage, JobServers servers)
{
    /// <summary>How old a server's last beat may be (Hangfire servers beat every 30 s).</summary>
    public static readonly TimeSpan MaxHeartbeatAge = TimeSpan.FromMinutes(2);

    public bool ProcessesJobs => servers.Enabled;

    /// <summary>True when every server of this process is registered and beating; <paramref name="detail"/> says which are not.</summary>
    public bool IsRunning(out string detail)
    {
        if (!servers.Enabled)
        {
            detail = "this process runs no job server (Watcher:Jobs:ProcessJobs=false)";
            return false;
        }
        var expected = servers.ServerNames;
        var known = storage.GetMonitoringApi().Servers();
        // Hangfire stamps server heartbeats with its own (real) clock.
        var now = DateTime.UtcNow;
        var missing = expected.Where(name => !known.Any(s =>
            s.Name.StartsWith(name, StringComparison.OrdinalIgnoreCase) && s.Heartbeat is { } beat && now - beat <= MaxHeartbeatAge)).ToList();
        detail = missing.Count == 0 ? $"{expected.Count} job servers running" : "job servers not running: " + string.Join(", ", missing);
        return missing.Count == 0;
    }
}
