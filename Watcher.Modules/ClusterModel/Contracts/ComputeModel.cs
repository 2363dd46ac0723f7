namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>Resources as (vcpus, memory MB, disk GB).</summary>
public readonly record struct NodeResources(double Vcpus, double Memory, double Disk);

/// <summary>
/// The compute graph: nodes, instances and which node runs which instance. Strategies receive a deep copy and
/// mutate it to simulate their plan. Enumeration follows insertion order (scenario / cloud listing order), which
/// upstream's tie-breaking depends on.
/// </summary>
public sealed class ComputeModel
{
    private readonly Dictionary<string, ComputeNode> _nodes = new();
    private readonly Dictionary<string, ComputeNode> _nodesByHostname = new();
    private readonly Dictionary<string, Instance> _instances = new();
    private readonly Dictionary<string, string> _hostOf = new();               // instance uuid -> node uuid
    private readonly Dictionary<string, List<string>> _instancesOf = new();   // node uuid -> instance uuids (mapping order)

    public IReadOnlyCollection<ComputeNode> Nodes => _nodes.Values;
    public IReadOnlyCollection<Instance> Instances => _instances.Values;

    public void AddNode(ComputeNode node)
    {
        if (!_nodes.TryAdd(node.Uuid, node))
            throw new InvalidOperationException($"Compute node {node.Uuid} already exists");
        _nodesByHostname[node.Hostname] = node;
        _instancesOf[node.Uuid] = [];
    }

    public void RemoveNode(ComputeNode node)
    {
        foreach (var uuid in _instancesOf[node.Uuid].ToList()) Unmap(uuid);
        _nodes.Remove(node.Uuid);
        _nodesByHostname.Remove(node.Hostname);
        _instancesOf.Remove(node.Uuid);
    }

    public void AddInstance(Instance instance)
    {
        if (!_instances.TryAdd(instance.Uuid, instance))
            throw new InvalidOperationException($"Instance {instance.Uuid} already exists");
    }

    public void RemoveInstance(Instance instance)
    {
        Unmap(instance.Uuid);
        _instances.Remove(instance.Uuid);
    }

    public void MapInstance(Instance instance, ComputeNode node)
    {
        Unmap(instance.Uuid);
        _hostOf[instance.Uuid] = node.Uuid;
        _instancesOf[node.Uuid].Add(instance.Uuid);
    }

    public void UnmapInstance(Instance instance) => Unmap(instance.Uuid);

    private void Unmap(string instanceUuid)
    {
        if (_hostOf.Remove(instanceUuid, out var nodeUuid))
            _instancesOf[nodeUuid].Remove(instanceUuid);
    }

    public ComputeNode? FindNode(string uuid) => _nodes.GetValueOrDefault(uuid);
    public ComputeNode? FindNodeByHostname(string hostname) => _nodesByHostname.GetValueOrDefault(hostname);
    public Instance? FindInstance(string uuid) => _instances.GetValueOrDefault(uuid);

    public ComputeNode GetNode(string uuid) =>
        FindNode(uuid) ?? throw new KeyNotFoundException($"Compute node {uuid} could not be found");

    public ComputeNode GetNodeByHostname(string hostname) =>
        FindNodeByHostname(hostname) ?? throw new KeyNotFoundException($"Compute node {hostname} could not be found");

    /// <summary>The node running the instance, or null when it is not placed.</summary>
    public ComputeNode? NodeOf(Instance instance) =>
        _hostOf.TryGetValue(instance.Uuid, out var nodeUuid) ? _nodes[nodeUuid] : null;

    public IReadOnlyList<Instance> InstancesOf(ComputeNode node) =>
        _instancesOf.TryGetValue(node.Uuid, out var list) ? list.Select(u => _instances[u]).ToList() : [];

    /// <summary>Sum of the flavors of the instances mapped to the node, plus what migrations in progress hold on it.</summary>
    public NodeResources UsedResources(ComputeNode node)
    {
        double vcpus = node.HeldByMigrations.Vcpus, memory = node.HeldByMigrations.Memory, disk = node.HeldByMigrations.Disk;
        foreach (var uuid in _instancesOf[node.Uuid])
        {
            var i = _instances[uuid];
            vcpus += i.Vcpus; memory += i.Memory; disk += i.Disk;
        }
        return new NodeResources(vcpus, memory, disk);
    }

    /// <summary>Capacity (after reserved and allocation ratio) minus used.</summary>
    public NodeResources FreeResources(ComputeNode node)
    {
        var used = UsedResources(node);
        return new NodeResources(node.VcpuCapacity - used.Vcpus, node.MemoryMbCapacity - used.Memory, node.DiskGbCapacity - used.Disk);
    }

    /// <summary>Moves the instance in the model; false when source and destination are the same node.</summary>
    public bool MigrateInstance(Instance instance, ComputeNode source, ComputeNode destination)
    {
        if (source.Uuid == destination.Uuid) return false;
        MapInstance(instance, destination);
        return true;
    }

    /// <summary>Deep copy: strategies simulate on their own copy.</summary>
    public ComputeModel Clone()
    {
        var copy = new ComputeModel();
        foreach (var node in _nodes.Values) copy.AddNode(node.Clone());
        foreach (var instance in _instances.Values) copy.AddInstance(instance.Clone());
        foreach (var node in _nodes.Values)
            foreach (var uuid in _instancesOf[node.Uuid])
                copy.MapInstance(copy._instances[uuid], copy._nodes[node.Uuid]);
        return copy;
    }
}
