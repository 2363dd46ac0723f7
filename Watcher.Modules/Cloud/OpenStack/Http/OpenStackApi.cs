using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Watcher.Modules.Cloud.OpenStack.Contracts;
using Watcher.Modules.Cloud.OpenStack.Keystone;
using Watcher.Modules.Shared.Http;

namespace Watcher.Modules.Cloud.OpenStack.Http;

/// <summary>
/// <see cref="IOpenStackApi"/> over a named resilient HttpClient: endpoint from <paramref name="options"/>'
/// override or the catalog, the session's token, one re-authentication on 401, OpenStack errors turned into
/// sentences naming the service.
/// </summary>
internal sealed class OpenStackApi(
    string serviceName,
    IReadOnlyList<string> serviceTypes,
    Func<ServiceClientOptions> options,
    KeystoneSession keystone,
    IHttpClientFactory httpFactory,
    string httpClientName) : IOpenStackApi
{
    public string ServiceName => serviceName;

    public async Task<string> EndpointAsync(CancellationToken ct = default)
    {
        var o = options();
        var url = !string.IsNullOrEmpty(o.EndpointOverride)
            ? o.EndpointOverride
            : await keystone.EndpointAsync(serviceTypes, o.Interface, o.RegionName, ct);
        return url.TrimEnd('/');
    }

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body = null,
        IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default)
    {
        var endpoint = await EndpointAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            var token = await keystone.GetTokenAsync(ct);
            using var request = new HttpRequestMessage(method, endpoint + path);
            request.Headers.Add("X-Auth-Token", token.Value);
            request.Headers.Accept.ParseAdd("application/json");
            foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
            if (body is not null) request.Content = JsonBody.Create(body);

            using var response = await SendOnceAsync(request, endpoint, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                keystone.Invalidate(token.Value);   // expired or revoked early: one fresh token, one more try
                continue;
            }
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode) throw Error(method, path, response.StatusCode, text);
            if (string.IsNullOrWhiteSpace(text)) return null;
            try
            {
                return JsonNode.Parse(text);
            }
            catch (JsonException)
            {
                return JsonValue.Create(text);   // a few calls answer plain text
            }
        }
    }

    private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, string endpoint, CancellationToken ct)
    {
        try
        {
            return await httpFactory.CreateClient(httpClientName).SendAsync(request, ct);
        }
        catch (Exception e) when (RemoteErrors.IsTransport(e) && !ct.IsCancellationRequested)
        {
            throw new CloudUnavailableException($"{serviceName} ({endpoint}) is unreachable: {RemoteErrors.Describe(e)}", e);
        }
    }

    private CloudException Error(HttpMethod method, string path, HttpStatusCode status, string body)
    {
        var why = RemoteErrors.BodyMessage(body);
        var code = (int)status;
        var message = $"{serviceName} answered {code} to {method} {PathOnly(path)}" + (why.Length > 0 ? $": {why}" : "");
        return status switch
        {
            HttpStatusCode.NotFound => new CloudNotFoundException(message) { StatusCode = code },
            _ when code >= 500 => new CloudUnavailableException(message) { StatusCode = code },
            _ => new CloudException(message) { StatusCode = code },
        };
    }

    private static string PathOnly(string path) => path.Split('?')[0];
}
