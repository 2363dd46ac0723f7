using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Watcher.Tests.Support;

namespace Watcher.Tests.Cloud.OpenStack;

/// <summary>One request as the stub saw it.</summary>
public sealed record SeenRequest(HttpMethod Method, Uri Uri, string? Body, IReadOnlyDictionary<string, string> Headers)
{
    public string PathAndQuery => Uri.PathAndQuery;
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>
/// Every OpenStack service at once, answering from recorded responses of the lab (Recorded/*.json, captured from
/// ../shared/tools/openstack). Routes match method and the start of path+query (or all of it when the route
/// ends with "$"); a route added later takes precedence. Unmatched requests answer 599 so a test sees what it forgot.
/// </summary>
public sealed class StubOpenStack : HttpMessageHandler
{
    private readonly List<(HttpMethod Method, string Prefix, Func<SeenRequest, HttpResponseMessage> Answer)> _routes = [];
    public ConcurrentQueue<SeenRequest> Requests { get; } = new();

    public static string RecordedDirectory => Path.Combine(TestPaths.RepositoryRoot, "Watcher.Tests", "Cloud", "OpenStack", "Recorded");
    public static string Recorded(string file) => File.ReadAllText(Path.Combine(RecordedDirectory, file));

    /// <summary>The lab's token (watcher in project service) and catalog, and Nova/Placement's recorded answers.</summary>
    public static StubOpenStack WithLab()
    {
        var stub = new StubOpenStack();
        stub.On(HttpMethod.Post, "/v3/auth/tokens", _ => Json(201, Recorded("keystone-token.json"), ("X-Subject-Token", "service-token-1")));
        stub.On(HttpMethod.Get, "/v2.1/", _ => Json(200, Recorded("nova-version.json")));
        stub.On(HttpMethod.Get, "/v2.1/os-hypervisors/detail", _ => Json(200, Recorded("nova-hypervisors-detail.json")));
        stub.On(HttpMethod.Get, "/v2.1/os-services", _ => Json(200, Recorded("nova-services.json")));
        stub.On(HttpMethod.Get, "/v2.1/servers/detail", _ => Json(200, Recorded("nova-servers-detail.json")));
        stub.On(HttpMethod.Get, "/v2.1/os-aggregates", _ => Json(200, Recorded("nova-aggregates.json")));
        stub.On(HttpMethod.Get, "/v2.1/flavors/detail", _ => Json(200, Recorded("nova-flavors.json")));
        stub.On(HttpMethod.Get, "/v2.1/os-server-groups", _ => Json(200, Recorded("nova-server-groups.json")));
        stub.On(HttpMethod.Get, "/v2.1/os-availability-zone/detail", _ => Json(200, Recorded("nova-availability-zones.json")));
        stub.On(HttpMethod.Get, "/v2.1/os-migrations", _ => Json(200, Recorded("nova-migrations.json")));
        stub.On(HttpMethod.Get, "/resource_providers", _ => Json(200, Recorded("placement-resource-providers.json")));
        stub.On(HttpMethod.Get, "/resource_providers/", r => Json(200, Recorded(
            r.PathAndQuery.EndsWith("/usages") ? "placement-usages.json" : "placement-inventories.json")));
        stub.On(HttpMethod.Get, "/$", _ => Json(200, """{"versions": [{"id": "v1.0", "max_version": "1.39", "min_version": "1.0"}]}"""));
        return stub;
    }

    public StubOpenStack On(HttpMethod method, string prefix, Func<SeenRequest, HttpResponseMessage> answer)
    {
        lock (_routes) _routes.Insert(0, (method, prefix, answer));
        return this;
    }

    private static bool Matches(string route, string pathAndQuery) =>
        route.EndsWith('$') ? pathAndQuery == route[..^1] : pathAndQuery.StartsWith(route, StringComparison.Ordinal);

    public IEnumerable<SeenRequest> To(string prefix) => Requests.Where(r => r.PathAndQuery.StartsWith(prefix, StringComparison.Ordinal));

    public static HttpResponseMessage Json(int status, string body, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers) response.Headers.TryAddWithoutValidation(name, value);
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        if (request.Content?.Headers.ContentLength is { } length) headers["Content-Length"] = length.ToString();
        var seen = new SeenRequest(request.Method, request.RequestUri!, body, headers);
        Requests.Enqueue(seen);
        Func<SeenRequest, HttpResponseMessage>? answer;
        lock (_routes)
            answer = _routes.FirstOrDefault(r => r.Method == request.Method && Matches(r.Prefix, seen.PathAndQuery)).Answer;
        var response = answer?.Invoke(seen) ?? Json(599, $"{{\"error\": \"no stub route for {request.Method} {seen.PathAndQuery}\"}}");
        response.RequestMessage = request;
        return response;
    }

    // The factory disposes expired handler chains; this stub outlives them.
    protected override void Dispose(bool disposing) { }
}
