using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Doc = Watcher.Modules.Api.OpenApi;

namespace Watcher.Modules.Api.Actions;

public static class ActionEndpoints
{
    private static readonly string[] Filters = ["action_plan_uuid", "audit_uuid"];

    public static void MapActions(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/actions").WithTags("actions");
        group.MapListAndDetail<Doc.ActionCollection>("actions", "action", q => new ListActions(q), Filters);
        group.MapGet("/{action}", async (string action, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            return ApiResults.Json(await m.Send(new GetAction(ApiContext.From(http), action)));
        }).Policy("action:get").Answers<Doc.Action>();
        group.MapMethods("/{action}", ["PATCH"], async (string action, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            var (ops, _) = await JsonPatch.Read(http.Request);
            return ApiResults.Json(await m.Send(new UpdateAction(ApiContext.From(http), action, ops)));
        }).Policy("action:update").Takes<Doc.PatchOperation[]>().Answers<Doc.Action>();
    }
}
