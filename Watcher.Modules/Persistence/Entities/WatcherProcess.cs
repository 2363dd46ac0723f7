namespace Watcher.Modules.Persistence.Entities;

/// <summary>
/// One running Watcher process (not an upstream table). Audits and action plans record the instance that
/// claimed them; whether that work can still finish is read from this row's heartbeat, never from the host
/// name, so a process restarted under another name, or two processes on one host, never confuse ownership.
/// </summary>
public sealed class WatcherProcess
{
    /// <summary>Random per start (32 hex digits): a restarted process is a new instance.</summary>
    public string InstanceId { get; set; } = "";
    /// <summary>Watcher:Host of the process, shown in audits/plans hostname and in services.</summary>
    public string Host { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime LastSeenUp { get; set; }
    /// <summary>Set by a graceful stop, after its work was brought to an end.</summary>
    public DateTime? StoppedAt { get; set; }
}
