using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Shared.Plugins;

/// <summary>
/// All registered plugins of one kind, indexed by wire name. Built once from DI; registration order is kept
/// because upstream picks "the first strategy registered for a goal".
/// </summary>
public sealed class PluginCatalog<T> where T : IPlugin
{
    private readonly Dictionary<string, T> _byName = new(StringComparer.Ordinal);

    public PluginCatalog(IEnumerable<T> plugins)
    {
        var list = new List<T>();
        foreach (var plugin in plugins)
        {
            if (!_byName.TryAdd(plugin.Name, plugin))
                throw new InvalidOperationException($"Two {typeof(T).Name} plugins are registered as '{plugin.Name}'.");
            list.Add(plugin);
        }
        All = list;
    }

    /// <summary>Plugins in registration order.</summary>
    public IReadOnlyList<T> All { get; }

    public IEnumerable<string> Names => All.Select(p => p.Name);

    public bool TryGet(string name, out T plugin) => _byName.TryGetValue(name, out plugin!);

    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Returns the plugin or throws a 400 error listing the valid names.</summary>
    public T Get(string name) =>
        _byName.TryGetValue(name, out var plugin)
            ? plugin
            : throw new InvalidRequestException(
                $"Unknown {typeof(T).Name.TrimStart('I').ToLowerInvariant()} '{name}'. Valid names: {string.Join(", ", Names)}");
}
