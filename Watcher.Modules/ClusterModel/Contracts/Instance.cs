using System.Text.Json.Nodes;

namespace Watcher.Modules.ClusterModel.Contracts;

/// <summary>A server (VM) with its flavor footprint (reference §10.1).</summary>
public sealed class Instance
{
    public required string Uuid { get; init; }
    public string Name { get; set; } = "";
    /// <summary>Nova vm_state: active, stopped, paused, ... (see <see cref="InstanceState"/>).</summary>
    public string State { get; set; } = InstanceState.Active;
    public int Vcpus { get; set; }
    /// <summary>Memory in MB.</summary>
    public int Memory { get; set; }
    /// <summary>Local disk footprint in GB.</summary>
    public int Disk { get; set; }
    public string ProjectId { get; set; } = "";
    public bool Locked { get; set; }
    public JsonObject Metadata { get; set; } = new();
    /// <summary>When the server was created (zone_migration can order by it); null when unknown.</summary>
    public DateTimeOffset? Created { get; set; }
    /// <summary>Set by an audit scope's exclude rules; most strategies never move such instances.</summary>
    public bool WatcherExclude { get; set; }

    public Instance Clone()
    {
        var copy = (Instance)MemberwiseClone();
        copy.Metadata = (JsonObject)JsonNode.Parse(Metadata.ToJsonString())!;
        return copy;
    }
}

public static class InstanceState
{
    public const string Active = "active";
    public const string Building = "building";
    public const string Paused = "paused";
    public const string Suspended = "suspended";
    public const string Stopped = "stopped";
    public const string Rescued = "rescued";
    public const string Resized = "resized";
    public const string Shelved = "shelved";
    public const string SoftDelete = "soft-delete";
    public const string Deleted = "deleted";
    public const string Error = "error";
}
