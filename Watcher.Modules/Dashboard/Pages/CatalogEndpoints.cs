using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Goals;
using Watcher.Modules.Api.Strategies;
using Watcher.Modules.Dashboard.Http;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Dashboard.Pages;

/// <summary>Goals and strategies: read-only, as in the API (the catalog is synced from code at start-up).</summary>
public static class CatalogEndpoints
{
    public static void MapCatalogPages(this RouteGroupBuilder ui)
    {
        ui.MapGet("/goals", async (HttpContext http, IMediator m) =>
            UiResults.Page<GoalsPage>(new GoalsModel(await Goals(m, http), await Strategies(m, http))));

        ui.MapGet("/goals/{goal}", async (string goal, HttpContext http, IMediator m) =>
        {
            var detail = await m.Send(new GetGoal(UiRequests.Context(http), goal), http.RequestAborted);
            var strategies = await m.AllAsync(http, "strategies", q => new ListStrategies(q),
                new Dictionary<string, string> { ["goal"] = detail.Text("uuid")! });
            return UiResults.Page<GoalPage>(new GoalModel(detail, strategies));
        });

        ui.MapGet("/strategies", async (HttpContext http, IMediator m) =>
            UiResults.Page<StrategiesPage>(new GoalsModel(await Goals(m, http), await Strategies(m, http))));

        ui.MapGet("/strategies/{strategy}", async (string strategy, HttpContext http, IMediator m) =>
        {
            var detail = await m.Send(new GetStrategy(UiRequests.Context(http), strategy), http.RequestAborted);
            JsonArray? state = null;
            string? stateError = null;
            try
            {
                state = await m.Send(new GetStrategyState(detail.Text("name")!), http.RequestAborted);
            }
            catch (WatcherException e)
            {
                stateError = e.Message;
            }
            return UiResults.Page<StrategyPage>(new StrategyModel(detail, state, stateError));
        });
    }

    internal static Task<IReadOnlyList<JsonObject>> Goals(IMediator m, HttpContext http) =>
        m.AllAsync(http, "goals", q => new ListGoals(q));

    internal static Task<IReadOnlyList<JsonObject>> Strategies(IMediator m, HttpContext http, string? goal = null) =>
        m.AllAsync(http, "strategies", q => new ListStrategies(q),
            goal is null ? null : new Dictionary<string, string> { ["goal"] = goal });
}
