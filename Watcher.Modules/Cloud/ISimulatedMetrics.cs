namespace Watcher.Modules.Cloud;

/// <summary>
/// The simulator's read-only metric surface, part of the cloud boundary so the "simulator" datasource
/// (Datasources module) can read it without reaching into Cloud/Simulator.
/// Values follow the Watcher metric names and units of reference §11.1; null means "no data". A value is the
/// aggregate (mean, min or max; count reads as mean, as Gnocchi does) of the samples over the last
/// <c>periodSeconds</c>.
/// </summary>
public interface ISimulatedMetrics
{
    /// <summary>A host metric; <paramref name="host"/> is the hypervisor uuid or hostname.</summary>
    double? HostMetric(string host, string metric, int periodSeconds = 300, string aggregate = "mean");

    double? ServerMetric(string serverId, string metric, int periodSeconds = 300, string aggregate = "mean");
}
