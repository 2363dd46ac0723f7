using System.Text.Json.Nodes;

namespace Watcher.Modules.Cloud.OpenStack.Contracts;

/// <summary>
/// One OpenStack service's REST API (Nova, Placement, Gnocchi, ...) as Watcher's service user sees it: the
/// endpoint from the catalog (or an override), a Keystone token on every call, timeouts and bounded retries.
/// Errors come back as <see cref="CloudNotFoundException"/> (404), <see cref="CloudException"/> (other refusals,
/// with the service's own message) or <see cref="CloudUnavailableException"/> (unreachable, timeouts, 5xx).
/// Resolve one with <c>[FromKeyedServices("nova")]</c> etc.
/// </summary>
public interface IOpenStackApi
{
    /// <summary>"Nova", "Placement", ... as status messages name the service.</summary>
    string ServiceName { get; }

    /// <summary>The service's base URL (catalog or override), e.g. http://nova:8774/v2.1.</summary>
    Task<string> EndpointAsync(CancellationToken ct = default);

    /// <summary>Sends a request to <c>endpoint + path</c>; returns the JSON body, or null when there is none.</summary>
    Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body = null,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default);

    Task<JsonNode?> GetAsync(string path, IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default) =>
        SendAsync(HttpMethod.Get, path, null, headers, ct);
}
