namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>A Nova scheduler filter: keeps or drops one candidate host for a request.</summary>
public interface IHostFilter
{
    /// <summary>Nova's class name, used in NoValidHost explanations and logs.</summary>
    string Name { get; }

    bool Passes(HostState host, ResourceRequest request);
}
