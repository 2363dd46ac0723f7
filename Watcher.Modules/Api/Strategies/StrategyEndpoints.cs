using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Doc = Watcher.Modules.Api.OpenApi;
using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Contracts;

namespace Watcher.Modules.Api.Strategies;

public static class StrategyEndpoints
{
    public static void MapStrategies(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/strategies").WithTags("strategies");
        group.MapListAndDetail<Doc.StrategyCollection>("strategies", "strategy", q => new ListStrategies(q), "goal");
        group.MapGet("/{strategy}", async (string strategy, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            return ApiResults.Json(await m.Send(new GetStrategy(ApiContext.From(http), strategy)));
        }).Policy("strategy:get").Answers<Doc.Strategy>();
        group.MapGet("/{strategy}/state", async (string strategy, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            var name = (string)(await m.Send(new GetStrategy(ApiContext.From(http), strategy)))["name"]!;   // 404 first
            var report = await m.Send(new GetStrategyState(name));
            report.Add(new JsonObject { ["type"] = "Name", ["state"] = name, ["mandatory"] = "", ["comment"] = "" });
            return ApiResults.Json(report);
        }).Policy("strategy:state").Answers<Doc.StrategyStateItem[]>();
    }
}
