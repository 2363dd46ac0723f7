using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Cloud.OpenStack.Contracts;

namespace Watcher.Modules.Cloud.OpenStack.Nova;

/// <summary>
/// Nova's compute API as Watcher uses it (reference §9.8, §10.1): hypervisors, services, servers of all projects
/// (paged), flavors, server groups, availability zones, aggregates, migrations, and the server actions.
/// Every call carries the negotiated microversion.
/// </summary>
public sealed class NovaClient([FromKeyedServices(NovaClient.Key)] IOpenStackApi api, IOptionsMonitor<NovaClientOptions> options)
{
    public const string Key = "nova";
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString };
    private readonly NovaMicroversion _microversion = new();

    public IOpenStackApi Api => api;

    /// <summary>The negotiated microversion (after the first call).</summary>
    public Version? Microversion => _microversion.Current;

    public Task<IReadOnlyList<NovaHypervisor>> ListHypervisorsAsync(CancellationToken ct = default) =>
        ListPagedAsync<NovaHypervisor>("/os-hypervisors/detail", "hypervisors", h => h.Id, ct);

    /// <summary>The hypervisor whose service host or hostname is exactly <paramref name="host"/> (the API matches patterns).</summary>
    public async Task<NovaHypervisor?> FindHypervisorAsync(string host, CancellationToken ct = default)
    {
        var node = await GetAsync($"/os-hypervisors/detail?hypervisor_hostname_pattern={Uri.EscapeDataString(host)}", ct, notFoundIsNull: true);
        var all = Read<List<NovaHypervisor>>(node?["hypervisors"]) ?? [];
        return all.FirstOrDefault(h => h.Host == host) ?? all.FirstOrDefault(h => h.HypervisorHostname == host);
    }

    public async Task<IReadOnlyList<NovaService>> ListComputeServicesAsync(CancellationToken ct = default) =>
        Read<List<NovaService>>((await GetAsync("/os-services?binary=nova-compute", ct))?["services"]) ?? [];

    /// <summary>PUT /os-services/{id}: enable, or disable with a reason. Returns the service as Nova now has it.</summary>
    public async Task<NovaService> UpdateServiceAsync(NovaService service, bool enable, string? disabledReason, CancellationToken ct = default)
    {
        var body = new JsonObject { ["status"] = enable ? "enabled" : "disabled" };
        if (!enable && !string.IsNullOrEmpty(disabledReason)) body["disabled_reason"] = disabledReason;
        var answer = await SendAsync(HttpMethod.Put, $"/os-services/{service.IdText}", body, ct);
        return Read<NovaService>(answer?["service"]) ?? throw new CloudException($"Nova answered no service for {service.Host}");
    }

    /// <summary>Every server of every project, optionally on one host, page by page.</summary>
    public Task<IReadOnlyList<NovaServer>> ListServersAsync(string? host = null, CancellationToken ct = default)
    {
        var path = "/servers/detail?all_tenants=True" + (host is null ? "" : "&host=" + Uri.EscapeDataString(host));
        return ListPagedAsync<NovaServer>(path, "servers", s => s.Id, ct);
    }

    public async Task<NovaServer?> GetServerAsync(string id, CancellationToken ct = default) =>
        Read<NovaServer>((await GetAsync($"/servers/{Uri.EscapeDataString(id)}", ct, notFoundIsNull: true))?["server"]);

    public async Task<IReadOnlyList<NovaFlavor>> ListFlavorsAsync(CancellationToken ct = default) =>
        Read<List<NovaFlavor>>((await GetAsync("/flavors/detail?is_public=None", ct))?["flavors"]) ?? [];

    public async Task<IReadOnlyList<NovaServerGroup>> ListServerGroupsAsync(CancellationToken ct = default) =>
        Read<List<NovaServerGroup>>((await GetAsync("/os-server-groups?all_projects=True", ct))?["server_groups"]) ?? [];

    public async Task<IReadOnlyList<NovaAvailabilityZone>> ListAvailabilityZonesAsync(CancellationToken ct = default) =>
        Read<List<NovaAvailabilityZone>>((await GetAsync("/os-availability-zone/detail", ct))?["availabilityZoneInfo"]) ?? [];

    public async Task<IReadOnlyList<NovaAggregate>> ListAggregatesAsync(CancellationToken ct = default) =>
        Read<List<NovaAggregate>>((await GetAsync("/os-aggregates", ct))?["aggregates"]) ?? [];

    /// <summary>The migration records of one server, newest first.</summary>
    public async Task<IReadOnlyList<NovaMigration>> ListMigrationsOfAsync(string serverId, CancellationToken ct = default)
    {
        var all = Read<List<NovaMigration>>((await GetAsync($"/os-migrations?instance_uuid={Uri.EscapeDataString(serverId)}", ct))?["migrations"]) ?? [];
        return all.OrderByDescending(m => m.Id).ToList();
    }

    /// <summary>GET /servers/{id}/migrations: the live migrations in progress.</summary>
    public async Task<IReadOnlyList<NovaMigration>> ListLiveMigrationsInProgressAsync(string serverId, CancellationToken ct = default) =>
        Read<List<NovaMigration>>((await GetAsync($"/servers/{Uri.EscapeDataString(serverId)}/migrations", ct))?["migrations"]) ?? [];

    /// <summary>DELETE /servers/{id}/migrations/{migration}: abort a live migration in progress.</summary>
    public Task AbortLiveMigrationAsync(string serverId, int migrationId, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Delete, $"/servers/{Uri.EscapeDataString(serverId)}/migrations/{migrationId}", null, ct);

    /// <summary>POST /servers/{id}/action with <paramref name="action"/> (e.g. {"os-stop": null}).</summary>
    public Task ServerActionAsync(string serverId, JsonObject action, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Post, $"/servers/{Uri.EscapeDataString(serverId)}/action", action, ct);

    /// <summary>Cheap reachability probe: the version document (no microversion needed).</summary>
    public Task ProbeAsync(CancellationToken ct = default) => api.GetAsync("/", ct: ct);

    private async Task<IReadOnlyList<T>> ListPagedAsync<T>(string path, string key, Func<T, string> markerOf, CancellationToken ct)
    {
        var pageSize = options.CurrentValue.PageSize;
        var separator = path.Contains('?') ? '&' : '?';
        var all = new List<T>();
        string? marker = null;
        while (true)
        {
            var page = $"{path}{separator}limit={pageSize}" + (marker is null ? "" : "&marker=" + Uri.EscapeDataString(marker));
            var node = await GetAsync(page, ct);
            var items = Read<List<T>>(node?[key]) ?? [];
            all.AddRange(items);
            var hasNext = node?[key + "_links"] is JsonArray links && links.Any(l => l?["rel"]?.GetValue<string>() == "next");
            if (items.Count == 0 || !hasNext) return all;
            marker = markerOf(items[^1]);
        }
    }

    private async Task<JsonNode?> GetAsync(string path, CancellationToken ct, bool notFoundIsNull = false)
    {
        try
        {
            return await api.GetAsync(path, await HeadersAsync(ct), ct);
        }
        catch (CloudNotFoundException) when (notFoundIsNull)
        {
            return null;
        }
    }

    private async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken ct) =>
        await api.SendAsync(method, path, body, await HeadersAsync(ct), ct);

    private Task<IReadOnlyDictionary<string, string>> HeadersAsync(CancellationToken ct) =>
        _microversion.HeadersAsync(api, options.CurrentValue.ApiVersion, ct);

    private static T? Read<T>(JsonNode? node) => node is null ? default : node.Deserialize<T>(Json);
}
