using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using ActionPlanProgressWire = Watcher.Modules.Api.OpenApi.ActionPlanProgress;
using Watcher.Modules.Applier.Contracts;

namespace Watcher.Modules.Api.Progress;

/// <summary>
/// GET /progress/action_plans/{uuid}: how far a plan got (done, failed, left, what runs now). Ours, outside
/// upstream's /v1 wire, so no client sees a field it does not know; guarded like GET of the plan (action_plan:get).
/// </summary>
public static class ProgressEndpoints
{
    public const string Prefix = "progress";

    public static void MapProgress(this IEndpointRouteBuilder app) =>
        app.MapGet($"/{Prefix}/action_plans/{{plan}}", async (string plan, IMediator m) =>
            ApiResults.Json(View(await m.Send(new GetActionPlanProgress(plan)))))
            .WithTags("progress").Policy("action_plan:get").Produces<ActionPlanProgressWire>(StatusCodes.Status200OK, "application/json");   // a token, as the plan itself

    public static JsonObject View(ActionPlanProgress p) => new()
    {
        ["action_plan_uuid"] = p.ActionPlanUuid,
        ["state"] = p.State,
        ["status_message"] = p.StatusMessage,
        ["total"] = p.Total,
        ["done"] = p.Done,
        ["succeeded"] = p.Succeeded,
        ["skipped"] = p.Skipped,
        ["failed"] = p.Failed,
        ["cancelled"] = p.Cancelled,
        ["running"] = p.Running,
        ["pending"] = p.Pending,
        ["left"] = p.Left,
        ["running_actions"] = new JsonArray(p.RunningActions.Select(a => (JsonNode)new JsonObject
        {
            ["uuid"] = a.Uuid, ["action_type"] = a.ActionType, ["state"] = a.State,
        }).ToArray()),
    };
}
