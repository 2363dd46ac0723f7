namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// The simulator's read-only metric surface, published for the "simulator" datasource (Datasources module).
/// Values follow the Watcher metric names and units of reference §11.1; null means "no data".
/// </summary>
public interface ISimulatedMetrics
{
    /// <summary>A host metric; <paramref name="host"/> is the hypervisor uuid or hostname.</summary>
    double? HostMetric(string host, string metric, int periodSeconds = 300);

    double? ServerMetric(string serverId, string metric, int periodSeconds = 300);
}
