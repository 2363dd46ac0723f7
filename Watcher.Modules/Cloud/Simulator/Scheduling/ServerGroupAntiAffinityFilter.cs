namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>Members of an "anti-affinity" group never share a host: hosts holding (or receiving) another member fail.</summary>
public sealed class ServerGroupAntiAffinityFilter : IHostFilter
{
    public string Name => "ServerGroupAntiAffinityFilter";

    public bool Passes(HostState host, ResourceRequest request) =>
        request.Group is not { Policy: "anti-affinity" } group || !group.MemberHosts.Contains(host.Hostname);
}
