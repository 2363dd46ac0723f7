namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>
/// The storage graph (reference §10.2): storage nodes ← pools ← volumes, plus the volume types. A pool belongs to
/// the node named by the part of its name before '#', a volume to the pool its <c>host</c> names. Enumeration
/// follows insertion order. Strategies get a deep copy and may change it to simulate their plan.
/// </summary>
public sealed class StorageModel
{
    private readonly Dictionary<string, StorageNode> _nodes = new();
    private readonly Dictionary<string, Pool> _pools = new();
    private readonly Dictionary<string, Volume> _volumes = new();
    private readonly List<StorageVolumeType> _types = [];

    public IReadOnlyCollection<StorageNode> Nodes => _nodes.Values;
    public IReadOnlyCollection<Pool> Pools => _pools.Values;
    public IReadOnlyCollection<Volume> Volumes => _volumes.Values;
    public IReadOnlyList<StorageVolumeType> VolumeTypes => _types;

    public bool IsEmpty => _nodes.Count == 0 && _pools.Count == 0 && _volumes.Count == 0;

    public void AddNode(StorageNode node)
    {
        if (!_nodes.TryAdd(node.Host, node)) throw new InvalidOperationException($"Storage node {node.Host} already exists");
    }

    public void AddPool(Pool pool)
    {
        if (!_pools.TryAdd(pool.Name, pool)) throw new InvalidOperationException($"Pool {pool.Name} already exists");
    }

    public void AddVolume(Volume volume)
    {
        if (!_volumes.TryAdd(volume.Uuid, volume)) throw new InvalidOperationException($"Volume {volume.Uuid} already exists");
    }

    public void AddVolumeType(StorageVolumeType type) => _types.Add(type);

    public void RemoveNode(StorageNode node)
    {
        foreach (var pool in PoolsOf(node).ToList()) RemovePool(pool);
        _nodes.Remove(node.Host);
    }

    /// <summary>Removes the pool and the volumes on it.</summary>
    public void RemovePool(Pool pool)
    {
        foreach (var volume in VolumesOf(pool).ToList()) _volumes.Remove(volume.Uuid);
        _pools.Remove(pool.Name);
    }

    public void RemoveVolume(Volume volume) => _volumes.Remove(volume.Uuid);

    /// <summary>A node by <c>host@backend</c>; a <c>#pool</c> suffix is ignored, as upstream's lookup does.</summary>
    public StorageNode? FindNode(string host) =>
        _nodes.GetValueOrDefault(host.Contains('#') ? host[..host.IndexOf('#')] : host);

    public Pool? FindPool(string name) => _pools.GetValueOrDefault(name);
    public Volume? FindVolume(string uuid) => _volumes.GetValueOrDefault(uuid);
    public StorageVolumeType? FindVolumeType(string nameOrId) =>
        _types.FirstOrDefault(t => t.Name == nameOrId) ?? _types.FirstOrDefault(t => t.Id == nameOrId);

    public IEnumerable<Pool> PoolsOf(StorageNode node) => _pools.Values.Where(p => p.NodeHost == node.Host);
    public IEnumerable<Volume> VolumesOf(Pool pool) => _volumes.Values.Where(v => v.Host == pool.Name);
    public Pool? PoolOf(Volume volume) => volume.Host is { } host ? FindPool(host) : null;

    /// <summary>Names of the types whose volume_backend_name equals the backend (the part after '@').</summary>
    public List<string> TypesServedBy(string backendName) =>
        _types.Where(t => t.BackendName == backendName).Select(t => t.Name).ToList();

    public StorageModel Clone()
    {
        var copy = new StorageModel();
        foreach (var n in _nodes.Values) copy.AddNode(n.Clone());
        foreach (var p in _pools.Values) copy.AddPool(p.Clone());
        foreach (var v in _volumes.Values) copy.AddVolume(v.Clone());
        foreach (var t in _types) copy.AddVolumeType(t);
        return copy;
    }
}
