using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.ActionPlans;
using Watcher.Modules.Api.Actions;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.Dashboard.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Dashboard.Pages;

/// <summary>/ui/action_plans: list, a plan with its action graph (live while it runs), start, cancel, delete, skip; the what-if.</summary>
public static class ActionPlanEndpoints
{
    private static readonly string[] Filters = ["audit_uuid", "strategy"];

    public static void MapActionPlanPages(this RouteGroupBuilder ui)
    {
        ui.MapGet("/action_plans", async (HttpContext http, IMediator m) =>
        {
            var filters = UiRequests.Filters(http, Filters);
            var marker = http.Request.Query["marker"].FirstOrDefault();
            var page = await m.ListAsync(http, "action_plans", q => new ListActionPlans(q), filters, marker: marker);
            return UiResults.Page<ActionPlansPage>(new ListModel(page, filters, marker, [], await CatalogEndpoints.Strategies(m, http)));
        });

        ui.MapGet("/action_plans/{plan}", async (string plan, HttpContext http, IMediator m) =>
            UiResults.Page<ActionPlanPage>(await LoadAsync(m, http, plan)));

        ui.MapPost("/action_plans/{plan}/start", (string plan, HttpContext http, IMediator m) =>
            Act(m, http, plan, () => m.Send(new StartActionPlan(UiRequests.Context(http), plan))));

        // As `watcher actionplan cancel` does: a running plan is asked to cancel (CANCELLING), any other is cancelled.
        ui.MapPost("/action_plans/{plan}/cancel", (string plan, HttpContext http, IMediator m) =>
            Act(m, http, plan, async () =>
            {
                var state = (await m.Send(new GetActionPlan(UiRequests.Context(http), plan))).Text("state");
                var ops = UiRequests.Replace("/state",
                    JsonValue.Create(state == ActionPlanStates.Ongoing ? ActionPlanStates.Cancelling : ActionPlanStates.Cancelled));
                await m.Send(new UpdateActionPlan(UiRequests.Context(http), plan, ops, UiRequests.PatchText(ops)));
            }));

        ui.MapPost("/action_plans/{plan}/delete", async (string plan, HttpContext http, IMediator m) =>
        {
            var result = await Act(m, http, plan, () => m.Send(new DeleteActionPlan(UiRequests.Context(http), plan)));
            return result is SeeOther ? UiResults.SeeOther("/ui/action_plans") : result;
        });

        ui.MapPost("/action_plans/{plan}/actions/{action}/skip", (string plan, string action, HttpContext http, IMediator m) =>
            Act(m, http, plan, () =>
            {
                var reason = http.Request.Form["reason"].ToString().Trim();
                IReadOnlyList<PatchOp> ops = [.. UiRequests.Replace("/state", JsonValue.Create(ActionStates.Skipped)),
                    .. reason.Length > 0 ? UiRequests.Replace("/status_message", JsonValue.Create(reason)) : []];
                return m.Send(new UpdateAction(UiRequests.Context(http), action, ops));
            }));

        ui.MapGet("/action_plans/{plan}/what-if", async (string plan, HttpContext http, IMediator m) =>
        {
            var (detail, actions, _, _) = await LoadAsync(m, http, plan);
            try
            {
                var projection = await m.Send(new ProjectActionPlan(detail.Text("uuid")!), http.RequestAborted);
                return UiResults.Page<WhatIfPage>(new WhatIfModel(detail, actions, projection, null));
            }
            catch (WatcherException e)
            {
                return UiResults.Page<WhatIfPage>(new WhatIfModel(detail, actions, null, e.Message), e.StatusCode);
            }
        });
    }

    /// <summary>Runs a button's use case; on success back to the plan, on refusal the plan page with the API's message.</summary>
    private static async Task<IResult> Act(IMediator m, HttpContext http, string plan, Func<Task> action)
    {
        await Csrf.ReadFormAsync(http);
        try
        {
            await action();
            return new SeeOther($"/ui/action_plans/{plan}");
        }
        catch (WatcherException e)
        {
            return UiResults.Page<ActionPlanPage>((await LoadAsync(m, http, plan)) with { Error = e.Message }, e.StatusCode);
        }
    }

    private sealed class SeeOther(string url) : IResult
    {
        public Task ExecuteAsync(HttpContext http) => UiResults.SeeOther(url).ExecuteAsync(http);
    }

    private static async Task<ActionPlanModel> LoadAsync(IMediator m, HttpContext http, string plan)
    {
        var detail = await m.Send(new GetActionPlan(UiRequests.Context(http), plan), http.RequestAborted);
        var actions = await m.ListAsync(http, "actions", q => new ListActions(q),
            new Dictionary<string, string> { ["action_plan_uuid"] = detail.Text("uuid")! }, limit: int.MaxValue, sortKey: "id", sortDir: "asc");
        // The applier's own count (the same as GET /progress/action_plans/{uuid}), read after the actions so it is never behind them.
        var progress = await m.Send(new GetActionPlanProgress(detail.Text("uuid")!), http.RequestAborted);
        return new ActionPlanModel(detail, actions.Items, progress);
    }
}
