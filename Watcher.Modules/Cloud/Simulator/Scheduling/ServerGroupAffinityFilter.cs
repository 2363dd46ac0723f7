namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>
/// Members of an "affinity" group share one host: once another member is placed, only its host passes (so moving one
/// member away from the others is refused, as Nova refuses it).
/// </summary>
public sealed class ServerGroupAffinityFilter : IHostFilter
{
    public string Name => "ServerGroupAffinityFilter";

    public bool Passes(HostState host, ResourceRequest request) =>
        request.Group is not { Policy: "affinity" } group || group.MemberHosts.Count == 0 || group.MemberHosts.Contains(host.Hostname);
}
