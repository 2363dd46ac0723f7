using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Watcher.Modules.Cloud.OpenStack.Nova;

// Nova's wire shapes at microversion 2.56+, only the fields Watcher reads.

public sealed class NovaHypervisor
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("hypervisor_hostname")] public string HypervisorHostname { get; init; } = "";
    [JsonPropertyName("hypervisor_type")] public string? HypervisorType { get; init; }
    [JsonPropertyName("state")] public string State { get; init; } = "up";
    [JsonPropertyName("status")] public string Status { get; init; } = "enabled";
    [JsonPropertyName("service")] public NovaHypervisorService? Service { get; init; }
    [JsonPropertyName("vcpus")] public int? Vcpus { get; init; }
    [JsonPropertyName("memory_mb")] public int? MemoryMb { get; init; }
    [JsonPropertyName("local_gb")] public int? LocalGb { get; init; }
    [JsonPropertyName("running_vms")] public int? RunningVms { get; init; }

    public bool IsIronic => string.Equals(HypervisorType, "ironic", StringComparison.OrdinalIgnoreCase);
    /// <summary>The nova-compute service host (what servers' OS-EXT-SRV-ATTR:host names).</summary>
    public string Host => Service?.Host ?? HypervisorHostname;
}

public sealed class NovaHypervisorService
{
    [JsonPropertyName("id")] public JsonElement Id { get; init; }
    [JsonPropertyName("host")] public string Host { get; init; } = "";
    [JsonPropertyName("disabled_reason")] public string? DisabledReason { get; init; }
}

public sealed class NovaService
{
    [JsonPropertyName("id")] public JsonElement Id { get; init; }
    [JsonPropertyName("binary")] public string Binary { get; init; } = "";
    [JsonPropertyName("host")] public string Host { get; init; } = "";
    [JsonPropertyName("zone")] public string? Zone { get; init; }
    [JsonPropertyName("status")] public string Status { get; init; } = "enabled";
    [JsonPropertyName("state")] public string State { get; init; } = "up";
    [JsonPropertyName("disabled_reason")] public string? DisabledReason { get; init; }
    [JsonPropertyName("forced_down")] public bool ForcedDown { get; init; }

    /// <summary>The id as the URL needs it (a UUID from 2.53, an integer before).</summary>
    public string IdText => Id.ValueKind == JsonValueKind.String ? Id.GetString()! : Id.GetRawText();
}

public sealed class NovaServer
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("status")] public string Status { get; init; } = "";
    [JsonPropertyName("tenant_id")] public string TenantId { get; init; } = "";
    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; init; }
    /// <summary>An object for image-booted servers, "" for boot-from-volume.</summary>
    [JsonPropertyName("image")] public JsonNode? Image { get; init; }
    [JsonPropertyName("flavor")] public NovaEmbeddedFlavor? Flavor { get; init; }
    [JsonPropertyName("created")] public string? Created { get; init; }
    [JsonPropertyName("locked")] public bool Locked { get; init; }
    [JsonPropertyName("OS-EXT-AZ:availability_zone")] public string? AvailabilityZone { get; init; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:host")] public string? Host { get; init; }
    [JsonPropertyName("OS-EXT-SRV-ATTR:hypervisor_hostname")] public string? HypervisorHostname { get; init; }
    [JsonPropertyName("OS-EXT-STS:task_state")] public string? TaskState { get; init; }
    [JsonPropertyName("OS-EXT-STS:vm_state")] public string? VmState { get; init; }

    public bool BootsFromVolume => Image is null || Image is JsonValue v && v.TryGetValue<string>(out var s) && s.Length == 0;
}

/// <summary>The flavor copy embedded in a server (2.47+).</summary>
public sealed class NovaEmbeddedFlavor
{
    [JsonPropertyName("vcpus")] public int Vcpus { get; init; }
    [JsonPropertyName("ram")] public int Ram { get; init; }
    [JsonPropertyName("disk")] public int Disk { get; init; }
    [JsonPropertyName("ephemeral")] public int Ephemeral { get; init; }
    [JsonPropertyName("swap"), JsonConverter(typeof(LenientIntConverter))] public int Swap { get; init; }
    [JsonPropertyName("original_name")] public string? OriginalName { get; init; }
    [JsonPropertyName("extra_specs")] public JsonObject? ExtraSpecs { get; init; }
}

public sealed class NovaFlavor
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("vcpus")] public int Vcpus { get; init; }
    [JsonPropertyName("ram")] public int Ram { get; init; }
    [JsonPropertyName("disk")] public int Disk { get; init; }
    [JsonPropertyName("OS-FLV-EXT-DATA:ephemeral")] public int Ephemeral { get; init; }
    /// <summary>"" when none before 2.75.</summary>
    [JsonPropertyName("swap"), JsonConverter(typeof(LenientIntConverter))] public int Swap { get; init; }
    [JsonPropertyName("os-flavor-access:is_public")] public bool IsPublic { get; init; } = true;
}

public sealed class NovaServerGroup
{
    [JsonPropertyName("id")] public string Id { get; init; } = "";
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    /// <summary>Before 2.64 a list of policies; from 2.64 one <see cref="Policy"/>.</summary>
    [JsonPropertyName("policies")] public List<string>? Policies { get; init; }
    [JsonPropertyName("policy")] public string? Policy { get; init; }
    [JsonPropertyName("members")] public List<string> Members { get; init; } = [];
    [JsonPropertyName("project_id")] public string? ProjectId { get; init; }

    public string EffectivePolicy => Policy ?? Policies?.FirstOrDefault() ?? "";
}

public sealed class NovaAggregate
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("uuid")] public string? Uuid { get; init; }
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("availability_zone")] public string? AvailabilityZone { get; init; }
    [JsonPropertyName("hosts")] public List<string> Hosts { get; init; } = [];
    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; init; }
}

public sealed class NovaAvailabilityZone
{
    [JsonPropertyName("zoneName")] public string ZoneName { get; init; } = "";
    [JsonPropertyName("zoneState")] public NovaZoneState? ZoneState { get; init; }
    /// <summary>host → binary → state (detail listing only).</summary>
    [JsonPropertyName("hosts")] public Dictionary<string, JsonObject>? Hosts { get; init; }
}

public sealed class NovaZoneState
{
    [JsonPropertyName("available")] public bool Available { get; init; }
}

public sealed class NovaMigration
{
    [JsonPropertyName("id")] public int Id { get; init; }
    [JsonPropertyName("uuid")] public string? Uuid { get; init; }
    [JsonPropertyName("status")] public string Status { get; init; } = "";
    [JsonPropertyName("migration_type")] public string? MigrationType { get; init; }
    [JsonPropertyName("source_compute")] public string? SourceCompute { get; init; }
    [JsonPropertyName("dest_compute")] public string? DestCompute { get; init; }
    [JsonPropertyName("instance_uuid")] public string? InstanceUuid { get; init; }
    [JsonPropertyName("server_uuid")] public string? ServerUuid { get; init; }

    /// <summary>Nova's final migration states; anything else still holds resources on both hosts.</summary>
    public static readonly IReadOnlySet<string> FinalStatuses = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "completed", "confirmed", "reverted", "error", "failed", "cancelled", "done", "aborted", "deleted",
    };

    public bool InProgress => !FinalStatuses.Contains(Status);
}

/// <summary>Reads ints that Nova sometimes sends as "" (flavor swap before 2.75) or as strings.</summary>
internal sealed class LenientIntConverter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Number => reader.GetInt32(),
        JsonTokenType.String => int.TryParse(reader.GetString(), out var v) ? v : 0,
        _ => 0,
    };

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}
