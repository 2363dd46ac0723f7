namespace Watcher.Modules.Shared.Services;

/// <summary>[DEFAULT] host → Watcher:Host: this process's name (audit/plan hostname, service rows).</summary>
public sealed class WatcherHostOptions
{
    public const string Section = "Watcher";
    public string Host { get; set; } = Environment.MachineName;
}

/// <summary>Watcher:Services: how often each process reports itself alive (upstream: 60 s).</summary>
public sealed class ServiceHeartbeatOptions
{
    public const string Section = "Watcher:Services";
    public int HeartbeatInterval { get; set; } = 60;

    /// <summary>
    /// A process whose last beat is older than this is dead: two missed beats plus 5 s of slack for a busy
    /// database. Its ONGOING work is then recovered by any live process.
    /// </summary>
    public TimeSpan LivenessTimeout => TimeSpan.FromSeconds(2 * Math.Max(1, HeartbeatInterval) + 5);
}

/// <summary>
/// Who this process is: Watcher:Host (shown to operators; several processes may share it, and a restarted
/// container may change it) and a random instance id per start, which is what claims work.
/// </summary>
public sealed class ProcessIdentity(string host)
{
    public string Host { get; } = host;
    public string InstanceId { get; } = Guid.NewGuid().ToString("N");
}

/// <summary>An upstream service name this process shows in GET /v1/services (one row per name and host).</summary>
public sealed record ServiceName(string Name);
