using System.Text.Json.Nodes;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>An Ironic node (reference §10.3); <c>extra.compute_node_id</c> names the hypervisor it backs.</summary>
public sealed class IronicNode
{
    public required string Uuid { get; init; }
    public string? Name { get; set; }
    /// <summary>Ironic's words: "power on", "power off"...</summary>
    public string? PowerState { get; set; }
    public bool Maintenance { get; set; }
    public string? MaintenanceReason { get; set; }
    public JsonObject Extra { get; set; } = new();

    public string? ComputeNodeId => Extra["compute_node_id"] is JsonValue v ? v.ToString() : null;

    public IronicNode Clone()
    {
        var copy = (IronicNode)MemberwiseClone();
        copy.Extra = (JsonObject)JsonNode.Parse(Extra.ToJsonString())!;
        return copy;
    }
}

/// <summary>The bare-metal model: Ironic nodes in listing order.</summary>
public sealed class BaremetalModel
{
    private readonly Dictionary<string, IronicNode> _nodes = new();

    public IReadOnlyCollection<IronicNode> Nodes => _nodes.Values;

    public void AddNode(IronicNode node)
    {
        if (!_nodes.TryAdd(node.Uuid, node)) throw new InvalidOperationException($"Ironic node {node.Uuid} already exists");
    }

    public void RemoveNode(IronicNode node) => _nodes.Remove(node.Uuid);

    public IronicNode? FindNode(string uuid) => _nodes.GetValueOrDefault(uuid);

    public BaremetalModel Clone()
    {
        var copy = new BaremetalModel();
        foreach (var n in _nodes.Values) copy.AddNode(n.Clone());
        return copy;
    }
}
