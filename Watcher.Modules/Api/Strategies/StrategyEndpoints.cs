using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Strategies;

public static class StrategyEndpoints
{
    public static void MapStrategies(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/strategies").WithTags("strategies");
        group.MapGet("", async (HttpContext http, IMediator m) =>
            ApiResults.Json(await m.Send(new ListStrategies(ListQuery.From(http, "strategies", false, "goal")))));
        group.MapGet("/detail", async (HttpContext http, IMediator m) =>
            ApiResults.Json(await m.Send(new ListStrategies(ListQuery.From(http, "strategies", true, "goal")))));
        group.MapGet("/{strategy}", async (string strategy, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            return ApiResults.Json(await m.Send(new GetStrategy(ApiContext.From(http), strategy)));
        });
        group.MapGet("/{strategy}/state", async (string strategy, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            await m.Send(new GetStrategy(ApiContext.From(http), strategy));   // 404 first, as upstream
            // The requirements report asks the decision engine about datasources and models; no contract for it yet.
            throw new NotImplementedYetException("GET /v1/strategies/{strategy}/state is not implemented yet: the decision engine does not expose its requirements report.");
        });
    }
}
