namespace Watcher.Modules.Cloud.Simulator.Scheduling;

/// <summary>Nova's NoValidHost: no candidate passed every filter.</summary>
public sealed class NoValidHostException(string reason) : CloudException($"No valid host was found. {reason}")
{
    public const string NotEnoughHosts = "There are not enough hosts available.";
}
