using System.Globalization;
using System.Text.Json.Nodes;
using Watcher.Modules.Cloud.OpenStack.Contracts;

namespace Watcher.Modules.Cloud.OpenStack.Nova;

/// <summary>
/// Negotiates the compute API microversion once per endpoint: the configured version when the endpoint's version
/// document (GET {endpoint}/) allows it, else a clear error naming both ranges. Later calls send
/// <c>X-OpenStack-Nova-API-Version</c> and <c>OpenStack-API-Version: compute X.Y</c>.
/// </summary>
internal sealed class NovaMicroversion
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Endpoint, IReadOnlyDictionary<string, string> Headers, Version Version)? _negotiated;

    public static Version Parse(string text) => TryParse(text, out var v) ? v : throw new FormatException($"Bad microversion '{text}'");

    public static bool TryParse(string? text, out Version version)
    {
        version = new Version(0, 0);
        var parts = (text ?? "").Split('.');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor)) return false;
        version = new Version(major, minor);
        return true;
    }

    /// <summary>The microversion headers for <paramref name="api"/>'s current endpoint.</summary>
    public async Task<IReadOnlyDictionary<string, string>> HeadersAsync(IOpenStackApi api, string wanted, CancellationToken ct)
    {
        var endpoint = await api.EndpointAsync(ct);
        if (_negotiated is { } n && n.Endpoint == endpoint) return n.Headers;
        await _gate.WaitAsync(ct);
        try
        {
            if (_negotiated is { } again && again.Endpoint == endpoint) return again.Headers;
            var document = await api.GetAsync("/", ct: ct);
            var version = Choose(document, Parse(wanted), endpoint);
            var text = $"{version.Major}.{version.Minor}";
            var headers = new Dictionary<string, string>
            {
                ["X-OpenStack-Nova-API-Version"] = text,
                ["OpenStack-API-Version"] = "compute " + text,
            };
            _negotiated = (endpoint, headers, version);
            return headers;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The version in use (after the first call), e.g. to decide whether newer fields exist.</summary>
    public Version? Current => _negotiated?.Version;

    /// <summary>The configured version if the endpoint's [min_version, version] range holds it.</summary>
    internal static Version Choose(JsonNode? document, Version wanted, string endpoint)
    {
        var doc = document?["version"] ?? (document?["versions"] as JsonArray)?.FirstOrDefault(v => v?["id"]?.GetValue<string>() == "v2.1");
        var maxText = doc?["version"]?.GetValue<string>();
        var minText = doc?["min_version"]?.GetValue<string>();
        if (!TryParse(maxText, out var max))
            throw new CloudException($"Nova ({endpoint}) does not announce microversions; Watcher needs at least {NovaClientOptions.MinimumApiVersion}");
        TryParse(minText, out var min);
        if (wanted > max || wanted < min)
            throw new CloudException(
                $"Nova ({endpoint}) supports compute microversions {minText}..{maxText}; Watcher:Nova:ApiVersion asks for {wanted.Major}.{wanted.Minor}");
        return wanted;
    }
}
