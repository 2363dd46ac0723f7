using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Tests.Support;

namespace Watcher.Tests.Api;

/// <summary>
/// The OpenAPI document at /swagger/v1/swagger.json describes the real wire: every route with its snake_case bodies,
/// envelopes, query arguments, microversion header, statuses with the error envelope, and the token header only when
/// authentication is on. Every response of the API and integration tests is also checked against it
/// (<see cref="DocumentedWireHandler"/>); the last test shows that check catches a drift.
/// </summary>
public sealed class ApiDocumentTests : IDisposable
{
    private readonly ApiFactory _app = new();
    private readonly List<ApiFactory> _others = [];

    public void Dispose()
    {
        _app.Dispose();
        foreach (var app in _others) app.Dispose();
    }

    private static async Task<JsonObject> DocumentOf(ApiFactory app)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(WireDocument.Path);
        Assert.Equal(200, (int)response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.StartsWith("3.1", (string)document["openapi"]!);
        return document;
    }

    [Fact]
    public async Task EveryApiRoute_IsDocumented_WithItsSuccessAndErrorStatuses_AndTheMicroversionHeader()
    {
        var paths = (await DocumentOf(_app))["paths"]!.AsObject();
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is "/" || e.RoutePattern.RawText!.StartsWith("/v1", StringComparison.Ordinal)
                || e.RoutePattern.RawText.StartsWith("/progress", StringComparison.Ordinal)
                || e.RoutePattern.RawText.StartsWith("/what-if", StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: "/" + e.RoutePattern.RawText!.Trim('/'), Method: m)))
            .ToList();
        Assert.True(routes.Count >= 40, $"only {routes.Count} routes found");
        foreach (var (path, method) in routes)
        {
            var operation = paths[path]?[method.ToLowerInvariant()];
            Assert.True(operation is not null, $"{method} {path} is not in the document");
            var responses = operation!["responses"]!.AsObject();
            Assert.Contains(responses, r => r.Key is "200" or "201" or "202" or "204");
            if (path == "/") continue;
            if (path.StartsWith("/progress", StringComparison.Ordinal) || path.StartsWith("/what-if", StringComparison.Ordinal))
            {
                Assert.True(responses.ContainsKey("404"));   // ours, outside /v1: no microversion
                continue;
            }
            var header = operation["parameters"]!.AsArray().Single(p => (string)p!["name"]! == "OpenStack-API-Version");
            Assert.Equal("header", (string)header!["in"]!);
            foreach (var status in new[] { "400", "406" })
                Assert.Equal("#/components/schemas/ErrorBody", (string)responses[status]!["content"]!["application/json"]!["schema"]!["$ref"]!);
            if (path.Contains('{')) Assert.True(responses.ContainsKey("404"), $"{method} {path} documents no 404");
            if (method is "POST" or "PATCH") Assert.True(responses.ContainsKey("415") && responses.ContainsKey("413"), $"{method} {path}");
            Assert.True(responses.First().Value!["headers"]!.AsObject().ContainsKey("OpenStack-API-Version"));
        }
    }

    [Fact]
    public async Task BodiesAndEnvelopes_AreSnakeCase_WithTheirQueryArguments()
    {
        var document = await DocumentOf(_app);
        var schemas = document["components"]!["schemas"]!.AsObject();
        var audit = schemas["Audit"]!["properties"]!.AsObject();
        foreach (var field in new[] { "uuid", "audit_type", "goal_uuid", "strategy_name", "auto_trigger", "next_run_time", "status_message", "links" })
            Assert.True(audit.ContainsKey(field), field);
        Assert.False(schemas["Audit"]!["additionalProperties"]!.GetValue<bool>());
        Assert.Contains("audit_type", schemas["AuditCreate"]!["required"]!.AsArray().Select(n => (string)n!));
        var envelope = schemas["AuditCollection"]!["properties"]!.AsObject();
        Assert.Equal(["audits", "next"], envelope.Select(p => p.Key).Order());
        Assert.Equal("error_message", Assert.Single(schemas["ErrorBody"]!["properties"]!.AsObject()).Key);

        var list = document["paths"]!["/v1/audits/detail"]!["get"]!;
        Assert.Equal("#/components/schemas/AuditCollection", (string)list["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        var query = list["parameters"]!.AsArray().Where(p => (string)p!["in"]! == "query").Select(p => (string)p!["name"]!);
        Assert.Equal(["goal", "limit", "marker", "sort_dir", "sort_key", "strategy"], query.Order());
        var create = document["paths"]!["/v1/audits"]!["post"]!;
        Assert.Equal("#/components/schemas/AuditCreate", (string)create["requestBody"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        Assert.Equal("#/components/schemas/Audit", (string)create["responses"]!["201"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        var patch = document["paths"]!["/v1/audits/{audit}"]!["patch"]!;
        Assert.Equal("#/components/schemas/PatchOperation", (string)patch["requestBody"]!["content"]!["application/json"]!["schema"]!["items"]!["$ref"]!);
    }

    [Fact]
    public async Task WithoutAuthentication_TryItOutSendsNoToken()
    {
        var document = await DocumentOf(_app);
        Assert.Null(document["components"]!["securitySchemes"]);
        Assert.Null(document["paths"]!["/v1/audits"]!["get"]!["security"]);
        Assert.Null(document["paths"]!["/v1/audits"]!["get"]!["responses"]!["401"]);
        Assert.Contains("every caller is an admin", (string)document["info"]!["description"]!);
        using var client = _app.CreateClient();
        Assert.Equal(200, (int)(await client.GetAsync("/swagger/index.html")).StatusCode);
    }

    [Fact]
    public async Task WithKeystone_TryItOutAsksForAToken_OnEveryV1Route_ButNotTheVersionDocument()
    {
        var app = new ApiFactory().With("Watcher:Api:Auth", "keystone")
            .With("Watcher:ClientsAuth:AuthUrl", "http://keystone.invalid:5000/v3")
            .With("Watcher:Api:EnableWebhooksAuth", "false");
        _others.Add(app);
        var document = await DocumentOf(app);
        var scheme = document["components"]!["securitySchemes"]!["keystone"]!;
        Assert.Equal("apiKey", (string)scheme["type"]!);
        Assert.Equal("header", (string)scheme["in"]!);
        Assert.Equal("X-Auth-Token", (string)scheme["name"]!);
        var list = document["paths"]!["/v1/audits"]!["get"]!;
        Assert.True(list["security"]![0]!.AsObject().ContainsKey("keystone"));
        Assert.Equal("#/components/schemas/ErrorBody", (string)list["responses"]!["401"]!["content"]!["application/json"]!["schema"]!["$ref"]!);
        Assert.Contains("Policy rule `audit:get_all`", (string)list["description"]!);
        Assert.Null(document["paths"]!["/"]!["get"]!["security"]);
        Assert.True(document["paths"]!["/progress/action_plans/{plan}"]!["get"]!["security"]![0]!.AsObject().ContainsKey("keystone"));
        Assert.True(document["paths"]!["/what-if/action_plans/{plan}"]!["get"]!["security"]![0]!.AsObject().ContainsKey("keystone"));
        Assert.Null(document["paths"]!["/v1/webhooks/{audit}"]!["post"]!["security"]);   // public: EnableWebhooksAuth=false
    }

    [Fact]
    public async Task TheWireCheck_CatchesAnUndocumentedField_AStatus_AndAWrongType()
    {
        var wire = WireDocument.Parse((await DocumentOf(_app)).ToJsonString());
        const string goal = """{"uuid": "u", "name": "dummy", "display_name": "Dummy", "efficacy_specification": [], "links": []}""";
        Assert.Null(wire.Check("GET", "/v1/goals/dummy", 200, "application/json", goal));
        Assert.Contains("/color", wire.Check("GET", "/v1/goals/dummy", 200, "application/json", goal.Replace("}", ", \"color\": 1}")));
        Assert.NotNull(wire.Check("GET", "/v1/goals/dummy", 200, "application/json", goal.Replace("\"dummy\"", "7")));
        Assert.Contains("does not document", wire.Check("GET", "/v1/goals/dummy", 418, "application/json", "{}"));
        Assert.NotNull(wire.Check("GET", "/v1/goals", 200, "application/json", """{"goals": [], "next": 5}"""));
        Assert.Null(wire.Check("GET", "/v1/goals/", 200, "application/json", """{"goals": []}"""));
        Assert.NotNull(wire.Check("GET", "/v1/goals/dummy", 404, "application/json", """{"error": "x"}"""));
    }
}
