using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Mvc.Testing;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Watcher.Tests.Support;

/// <summary>
/// The OpenAPI document a running app serves, as a checker of real responses: the operation is found by method and
/// path, the status must be documented, and a JSON body must match the status's schema (OpenAPI 3.1 schemas are JSON
/// Schema 2020-12; components are moved under $defs). Used by <see cref="DocumentedWireHandler"/> on every API test.
/// </summary>
public sealed class WireDocument
{
    public const string Path = "/swagger/v1/swagger.json";
    private static readonly ConcurrentDictionary<string, WireDocument> ByText = new();

    private readonly JsonObject _document;
    private readonly string _components;
    private readonly List<(string Template, Regex Pattern, int Parameters)> _paths;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private WireDocument(string text)
    {
        _document = JsonNode.Parse(text)!.AsObject();
        _components = (_document["components"]?["schemas"] ?? new JsonObject()).ToJsonString();
        _paths = _document["paths"]!.AsObject().Select(p => p.Key)
            .Select(t => (t, new Regex("^" + Regex.Replace(Regex.Escape(t), @"\\\{[^/]+?}", "[^/]+") + "$"), t.Count(c => c == '{')))
            .OrderBy(p => p.Item3).ToList();
    }

    public JsonObject Document => _document;

    public static WireDocument Parse(string text) => ByText.GetOrAdd(text, t => new WireDocument(t));

    /// <summary>Null when the response is what the document says; otherwise what differs.</summary>
    public string? Check(string method, string requestPath, int status, string? mediaType, string body)
    {
        var path = Normalize(requestPath);
        if (method is "HEAD" or "OPTIONS") return null;
        if (!path.StartsWith("/v1", StringComparison.Ordinal) && path != "/" && !path.StartsWith("/progress/", StringComparison.Ordinal)
            && !path.StartsWith("/what-if/", StringComparison.Ordinal))
            return null;   // Swagger, health, metrics, the job dashboard
        var template = _paths.FirstOrDefault(p => p.Pattern.IsMatch(path)).Template;
        var operation = template is null ? null : _document["paths"]![template]![method.ToLowerInvariant()];
        if (operation is null)
        {
            // No such route or method: routing's 404/405 (or 401 first, without a token), in Watcher's envelope.
            return status is >= 400 and < 500 ? Match("#/components/schemas/ErrorBody", body, $"{method} {path} {status}") :
                $"{method} {path} answered {status} but the document has no such operation";
        }
        var response = operation["responses"]?[status.ToString()];
        if (response is null) return $"{method} {template} answered {status}, which its operation does not document";
        var schema = response["content"]?["application/json"]?["schema"];
        if (schema is null)
            return body.Length == 0 ? null : $"{method} {template} {status} has a body the document does not describe: {Cut(body)}";
        if (mediaType != "application/json") return $"{method} {template} {status}: Content-Type {mediaType}, documented application/json";
        return Match(schema.ToJsonString(), body, $"{method} {template} {status}");
    }

    /// <param name="schema">A schema of the document, or a $ref into its components.</param>
    private string? Match(string schema, string body, string what)
    {
        var compiled = _schemas.GetOrAdd(schema, Compile);
        JsonElement instance;
        try { instance = JsonDocument.Parse(body).RootElement; }
        catch (JsonException e) { return $"{what}: the body is not JSON ({e.Message}): {Cut(body)}"; }
        var result = compiled.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid) return null;
        var errors = (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
        return $"{what} does not match the document: {string.Join("; ", errors.Take(8))} — body {Cut(body)}";
    }

    private JsonSchema Compile(string schema)
    {
        var node = schema.StartsWith('#') ? new JsonObject { ["$ref"] = schema } : JsonNode.Parse(schema)!.AsObject();
        node["$schema"] = "https://json-schema.org/draft/2020-12/schema";
        node["$defs"] = JsonNode.Parse(_components);
        var text = node.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() },
            new Uri($"urn:watcher-wire:{Guid.NewGuid():N}"));
    }

    /// <summary>As the app's RootRouting: no trailing slash, paths outside /v1 (bookmarks) are /v1's.</summary>
    private static string Normalize(string path)
    {
        if (path.Length > 1) path = path.TrimEnd('/');
        if (path.Length == 0) path = "/";
        var first = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return first is null or "v1" or "swagger" or "healthz" or "metrics" or "progress" or "what-if" or "events" ? path : "/v1" + path;
    }

    private static string Cut(string body) => body.Length > 400 ? body[..400] + "…" : body;
}

/// <summary>
/// Fails the request of a test whose response differs from the app's own OpenAPI document, so every API test also
/// proves the document describes the wire (issue 8: "validates real responses of the test suite").
/// </summary>
public sealed class DocumentedWireHandler(Func<Task<WireDocument>> document) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        await response.Content.LoadIntoBufferAsync(ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var problem = (await document()).Check(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode,
            response.Content.Headers.ContentType?.MediaType, body);
        if (problem is not null) throw new Xunit.Sdk.XunitException("OpenAPI document and wire differ: " + problem);
        return response;
    }
}

public static class DocumentedClients
{
    private static readonly ConditionalWeakTable<object, Task<WireDocument>> Documents = new();

    /// <summary>A client of the app whose every response is checked against the OpenAPI document the app serves.</summary>
    public static HttpClient DocumentedClient(this WebApplicationFactory<Program> app) =>
        app.CreateDefaultClient(new DocumentedWireHandler(() => Documents.GetValue(app, _ => FetchAsync(app))));

    private static async Task<WireDocument> FetchAsync(WebApplicationFactory<Program> app)
    {
        using var plain = app.CreateClient();
        return WireDocument.Parse(await plain.GetStringAsync(WireDocument.Path));
    }
}
