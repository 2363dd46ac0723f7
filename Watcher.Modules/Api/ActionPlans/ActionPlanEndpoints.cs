using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Doc = Watcher.Modules.Api.OpenApi;

namespace Watcher.Modules.Api.ActionPlans;

public static class ActionPlanEndpoints
{
    private static readonly string[] Filters = ["audit_uuid", "strategy"];

    public static void MapActionPlans(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/action_plans").WithTags("action_plans");
        group.MapListAndDetail<Doc.ActionPlanCollection>("action_plans", "action_plan", q => new ListActionPlans(q), Filters);
        group.MapGet("/{plan}", async (string plan, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            return ApiResults.Json(await m.Send(new GetActionPlan(ApiContext.From(http), plan)));
        }).Policy("action_plan:get").Answers<Doc.ActionPlan>();
        group.MapMethods("/{plan}", ["PATCH"], async (string plan, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            var (ops, text) = await JsonPatch.Read(http.Request);
            return ApiResults.Json(await m.Send(new UpdateActionPlan(ApiContext.From(http), plan, ops, text)));
        }).Policy("action_plan:update").Takes<Doc.PatchOperation[]>().Answers<Doc.ActionPlan>();
        group.MapPost("/{plan}/start", async (string plan, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            await JsonBody.Read(http.Request);   // the body is ignored, but it must still be JSON
            return ApiResults.Json(await m.Send(new StartActionPlan(ApiContext.From(http), plan)));
        }).Policy("action_plan:start").Answers<Doc.ActionPlan>();
        group.MapDelete("/{plan}", async (string plan, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            await m.Send(new DeleteActionPlan(ApiContext.From(http), plan));
            return Results.NoContent();
        }).Policy("action_plan:delete").Produces(StatusCodes.Status204NoContent);
    }
}
