using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Doc = Watcher.Modules.Api.OpenApi;

namespace Watcher.Modules.Api.ScoringEngines;

public static class ScoringEngineEndpoints
{
    public static void MapScoringEngines(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/scoring_engines").WithTags("scoring_engines");
        group.MapListAndDetail<Doc.ScoringEngineCollection>("scoring_engines", "scoring_engine", q => new ListScoringEngines(q));
        group.MapGet("/{engine}", async (string engine, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            return ApiResults.Json(await m.Send(new GetScoringEngine(ApiContext.From(http), engine)));
        }).Policy("scoring_engine:get").Answers<Doc.ScoringEngine>();
    }
}
