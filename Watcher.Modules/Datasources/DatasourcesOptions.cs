namespace Watcher.Modules.Datasources;

/// <summary>
/// Section <c>Watcher:Datasources</c> (upstream <c>[watcher_datasources]</c> and metric_map.yaml). Upstream's
/// default list is gnocchi, grafana, aetos; here the default follows the cloud backend: the embedded simulator's
/// metrics with the simulator, Gnocchi with OpenStack.
/// </summary>
public sealed class DatasourcesOptions
{
    public const string Section = "Watcher:Datasources";
    public static readonly IReadOnlyList<string> SimulatorDefault = [SimulatorDatasource.PluginName];
    public static readonly IReadOnlyList<string> OpenStackDefault = [Gnocchi.GnocchiDatasource.PluginName];

    // Null, not a pre-filled list: the configuration binder appends to an existing list instead of replacing it.
    public string[]? Datasources { get; set; }

    /// <summary>Set from Watcher:Cloud:Backend at binding time.</summary>
    internal bool OpenStackBackend { get; set; }

    public IReadOnlyList<string> Effective => Datasources ?? (OpenStackBackend ? OpenStackDefault : SimulatorDefault);
}

/// <summary>
/// <c>Watcher:Datasources:MetricMap:&lt;datasource&gt;:&lt;metric&gt;</c>: native metric name overrides (upstream's
/// metric_map.yaml); an empty name removes the metric from that datasource. Its own options class, so the
/// datasources can read it while the datasource list is being validated against them.
/// </summary>
public sealed class MetricMapOptions
{
    public Dictionary<string, Dictionary<string, string>>? MetricMap { get; set; }
}
