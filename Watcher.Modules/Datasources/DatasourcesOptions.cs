namespace Watcher.Modules.Datasources;

/// <summary>
/// Section <c>Watcher:Datasources</c> (upstream <c>[watcher_datasources]</c>). Upstream's default list is
/// gnocchi, grafana, aetos; here only the embedded simulator exists, so it is the default.
/// </summary>
public sealed class DatasourcesOptions
{
    public const string Section = "Watcher:Datasources";
    public static readonly IReadOnlyList<string> DefaultDatasources = [SimulatorDatasource.PluginName];

    // Null, not a pre-filled list: the configuration binder appends to an existing list instead of replacing it.
    public string[]? Datasources { get; set; }

    public IReadOnlyList<string> Effective => Datasources ?? DefaultDatasources;
}
