using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Doc = Watcher.Modules.Api.OpenApi;

namespace Watcher.Modules.Api.Versions;

/// <summary>`GET /` and `GET /v1` (reference §2.2). Pure presentation: no use case behind them.</summary>
public static class VersionEndpoints
{
    private const string Description =
        "Watcher is an OpenStack project which aims to improve physical resources usage through better VM placement.";

    public static void MapVersions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) =>
        {
            var context = ApiContext.From(http);
            return ApiResults.Json(new JsonObject
            {
                ["name"] = "OpenStack Watcher API",
                ["description"] = Description,
                ["versions"] = new JsonArray(V1(context)),
                ["default_version"] = V1(context),
            });
        }).WithTags("versions").Public().Answers<Doc.VersionRoot>();

        app.MapGet("/v1", (HttpContext http) => ApiResults.Json(Document(ApiContext.From(http)))).WithTags("versions").Answers<Doc.VersionOne>();
    }

    private static JsonObject V1(ApiContext context) => new()
    {
        ["id"] = "v1",
        ["status"] = "CURRENT",
        ["min_version"] = ApiVersion.Min.ToString(),
        ["max_version"] = ApiVersion.Max.ToString(),
        ["links"] = new JsonArray(new JsonObject { ["href"] = $"{context.AppUrl}/v1/", ["rel"] = "self" }),
    };

    private static JsonObject Document(ApiContext context)
    {
        var doc = new JsonObject
        {
            ["id"] = "v1",
            ["media_types"] = new JsonArray(new JsonObject
            {
                ["base"] = "application/json",
                ["type"] = "application/vnd.openstack.watcher.v1+json",
            }),
            ["links"] = new JsonArray(
                new JsonObject { ["href"] = $"{context.AppUrl}/v1/", ["rel"] = "self" },
                new JsonObject
                {
                    ["href"] = "http://docs.openstack.org/developer/watcher/dev/api-spec-v1.html",
                    ["rel"] = "describedby",
                    ["type"] = "text/html",
                }),
        };
        // goals and strategies are not advertised upstream either (kept for client compatibility).
        var collections = new List<string> { "audit_templates", "audits", "actions", "action_plans", "scoring_engines", "services" };
        if (context.Version.AtLeast(ApiVersion.DataModel)) collections.Add("data_model");
        if (context.Version.AtLeast(ApiVersion.Webhooks)) collections.Add("webhooks");
        foreach (var name in collections)
            doc[name] = new JsonArray(
                new JsonObject { ["href"] = $"{context.AppUrl}/v1/{name}/", ["rel"] = "self" },
                new JsonObject { ["href"] = $"{context.AppUrl}/{name}/", ["rel"] = "bookmark" });
        return doc;
    }
}
