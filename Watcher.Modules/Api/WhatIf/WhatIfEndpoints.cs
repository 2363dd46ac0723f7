using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Watcher.Modules.Applier.Contracts;

namespace Watcher.Modules.Api.WhatIf;

/// <summary>
/// GET /what-if/action_plans/{uuid}: a plan's projected effect on the cluster, as JSON. Ours, not upstream's, so it
/// lives outside /v1 (the upstream surface stays exactly upstream's); errors use Watcher's envelope all the same;
/// guarded like GET of the plan (action_plan:get).
/// </summary>
public static class WhatIfEndpoints
{
    public const string Prefix = "what-if";

    public static void MapWhatIf(this IEndpointRouteBuilder app)
    {
        app.MapGet($"/{Prefix}/action_plans/{{plan}}", async (string plan, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            var projection = await m.Send(new ProjectActionPlan(Wire.RequireUuid(plan)));
            return ApiResults.Json(WhatIfView.Build(projection, ApiContext.From(http)));
        }).WithTags("what-if").Policy("action_plan:get").Produces<ActionPlanWhatIf>(StatusCodes.Status200OK, "application/json");   // a token, as the plan itself (like /progress)
    }
}
