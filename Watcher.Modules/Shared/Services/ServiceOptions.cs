namespace Watcher.Modules.Shared.Services;

/// <summary>[DEFAULT] host → Watcher:Host: this process's identity (audit/plan hostname, service rows).</summary>
public sealed class WatcherHostOptions
{
    public const string Section = "Watcher";
    public string Host { get; set; } = Environment.MachineName;
}

/// <summary>Watcher:Services: how often each in-process service reports itself alive (upstream: 60 s).</summary>
public sealed class ServiceHeartbeatOptions
{
    public const string Section = "Watcher:Services";
    public int HeartbeatInterval { get; set; } = 60;
}
