using System.Text.Json.Nodes;

namespace Watcher.Modules.Cloud.OpenStack.Keystone;

/// <summary>One endpoint of the service catalog a token came with.</summary>
public sealed record CatalogEndpoint(string ServiceType, string Interface, string? Region, string Url);

/// <summary>
/// The service catalog of Watcher's token: where each service type is, per interface and region
/// (upstream's endpoint discovery through keystoneauth).
/// </summary>
public sealed class KeystoneCatalog(IReadOnlyList<CatalogEndpoint> endpoints)
{
    public IReadOnlyList<CatalogEndpoint> Endpoints { get; } = endpoints;

    public static KeystoneCatalog Parse(JsonArray? catalog)
    {
        var endpoints = new List<CatalogEndpoint>();
        foreach (var service in catalog ?? [])
        {
            var type = service?["type"]?.GetValue<string>();
            if (type is null) continue;
            foreach (var ep in service!["endpoints"]?.AsArray() ?? [])
            {
                var url = ep?["url"]?.GetValue<string>();
                var iface = ep?["interface"]?.GetValue<string>();
                if (url is null || iface is null) continue;
                var region = ep!["region_id"]?.GetValue<string>() ?? ep["region"]?.GetValue<string>();
                endpoints.Add(new CatalogEndpoint(type, iface, region, url));
            }
        }
        return new KeystoneCatalog(endpoints);
    }

    /// <summary>
    /// The URL of the first of <paramref name="serviceTypes"/> (aliases, e.g. block-storage/volumev3) found for the
    /// interface and, when given, the region. Throws <see cref="CloudException"/> naming what was looked for.
    /// </summary>
    public string Find(IReadOnlyList<string> serviceTypes, string iface, string? region)
    {
        foreach (var type in serviceTypes)
        {
            var match = Endpoints.FirstOrDefault(e => e.ServiceType == type && e.Interface == iface
                && (string.IsNullOrEmpty(region) || e.Region == region));
            if (match is not null) return match.Url;
        }
        var where = string.IsNullOrEmpty(region) ? "" : $" in region {region}";
        throw new CloudException(
            $"The Keystone catalog has no {iface} endpoint for service type {string.Join(" or ", serviceTypes)}{where}");
    }

    public bool Has(string serviceType) => Endpoints.Any(e => e.ServiceType == serviceType);
}
