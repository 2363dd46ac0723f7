using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Doc = Watcher.Modules.Api.OpenApi;

namespace Watcher.Modules.Api.Goals;

public static class GoalEndpoints
{
    public static void MapGoals(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/goals").WithTags("goals");
        group.MapListAndDetail<Doc.GoalCollection>("goals", "goal", q => new ListGoals(q));
        group.MapGet("/{goal}", async (string goal, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            return ApiResults.Json(await m.Send(new GetGoal(ApiContext.From(http), goal)));
        }).Policy("goal:get").Answers<Doc.Goal>();
    }
}
