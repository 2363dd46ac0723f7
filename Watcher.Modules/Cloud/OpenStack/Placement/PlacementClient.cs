using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.OpenStack.Contracts;

namespace Watcher.Modules.Cloud.OpenStack.Placement;

/// <summary>One resource class of a provider's inventory (total, reserved, allocation_ratio).</summary>
public sealed class PlacementInventory
{
    [JsonPropertyName("total")] public int Total { get; init; }
    [JsonPropertyName("reserved")] public int Reserved { get; init; }
    [JsonPropertyName("allocation_ratio")] public double AllocationRatio { get; init; } = 1.0;
    [JsonPropertyName("min_unit")] public int MinUnit { get; init; } = 1;
    [JsonPropertyName("max_unit")] public int MaxUnit { get; init; }
}

public sealed class PlacementResourceProvider
{
    [JsonPropertyName("uuid")] public string Uuid { get; init; } = "";
    [JsonPropertyName("name")] public string Name { get; init; } = "";
    [JsonPropertyName("generation")] public int Generation { get; init; }
    [JsonPropertyName("parent_provider_uuid")] public string? ParentProviderUuid { get; init; }
}

/// <summary>
/// Placement as the compute collector reads it (reference §10.1 step 3): providers, their inventories
/// (VCPU, MEMORY_MB, DISK_GB with reserved and allocation ratio) and usages.
/// </summary>
public sealed class PlacementClient([FromKeyedServices(PlacementClient.Key)] IOpenStackApi api, IOptionsMonitor<PlacementClientOptions> options)
{
    public const string Key = "placement";
    public const string Vcpu = "VCPU";
    public const string MemoryMb = "MEMORY_MB";
    public const string DiskGb = "DISK_GB";

    public IOpenStackApi Api => api;

    public async Task<IReadOnlyList<PlacementResourceProvider>> ListResourceProvidersAsync(CancellationToken ct = default) =>
        (await GetAsync("/resource_providers", ct))?["resource_providers"]?.Deserialize<List<PlacementResourceProvider>>() ?? [];

    /// <summary>Inventories by resource class; empty when the provider is unknown to Placement.</summary>
    public async Task<IReadOnlyDictionary<string, PlacementInventory>> GetInventoriesAsync(string providerUuid, CancellationToken ct = default)
    {
        try
        {
            var node = await GetAsync($"/resource_providers/{Uri.EscapeDataString(providerUuid)}/inventories", ct);
            return node?["inventories"]?.Deserialize<Dictionary<string, PlacementInventory>>() ?? [];
        }
        catch (CloudNotFoundException)
        {
            return new Dictionary<string, PlacementInventory>();
        }
    }

    /// <summary>Amounts consumed per resource class; empty when the provider is unknown.</summary>
    public async Task<IReadOnlyDictionary<string, long>> GetUsagesAsync(string providerUuid, CancellationToken ct = default)
    {
        try
        {
            var node = await GetAsync($"/resource_providers/{Uri.EscapeDataString(providerUuid)}/usages", ct);
            return node?["usages"]?.Deserialize<Dictionary<string, long>>() ?? [];
        }
        catch (CloudNotFoundException)
        {
            return new Dictionary<string, long>();
        }
    }

    private Task<JsonNode?> GetAsync(string path, CancellationToken ct) =>
        api.GetAsync(path, new Dictionary<string, string> { ["OpenStack-API-Version"] = "placement " + options.CurrentValue.ApiVersion }, ct);
}
