using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.ActionPlans;
using Watcher.Modules.Api.Audits;
using Watcher.Modules.Dashboard.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Dashboard.Pages;

/// <summary>/ui/audits: list, detail, create, and the state moves (cancel, suspend, resume) and delete.</summary>
public static class AuditEndpoints
{
    private static readonly string[] Filters = ["goal", "strategy"];

    /// <summary>The dashboard's buttons and the states they ask for (the entity decides whether the move is legal).</summary>
    public static readonly IReadOnlyDictionary<string, string> Moves = new Dictionary<string, string>
    {
        ["cancel"] = AuditStates.Cancelled, ["suspend"] = AuditStates.Suspended, ["resume"] = AuditStates.Ongoing,
    };

    public static void MapAuditPages(this RouteGroupBuilder ui)
    {
        ui.MapGet("/audits", async (HttpContext http, IMediator m) =>
        {
            var filters = UiRequests.Filters(http, Filters);
            var marker = http.Request.Query["marker"].FirstOrDefault();
            var page = await m.ListAsync(http, "audits", q => new ListAudits(q), filters, marker: marker);
            return UiResults.Page<AuditsPage>(new ListModel(page, filters, marker,
                await CatalogEndpoints.Goals(m, http), await CatalogEndpoints.Strategies(m, http)));
        });

        ui.MapGet("/audits/new", async (HttpContext http, IMediator m) =>
            UiResults.Page<AuditFormPage>(await AuditForms.LoadAsync(m, http, false, AuditForms.Read(http.Request.Query))));

        ui.MapPost("/audits", async (HttpContext http, IMediator m) =>
        {
            var values = AuditForms.Read(await Csrf.ReadFormAsync(http));
            var form = await AuditForms.LoadAsync(m, http, false, values);
            try
            {
                var created = await m.Send(new CreateAudit(UiRequests.Context(http), AuditForms.AuditBody(values, form.Strategy)), http.RequestAborted);
                return UiResults.SeeOther($"/ui/audits/{created.Text("uuid")}");
            }
            catch (WatcherException e)
            {
                return UiResults.Page<AuditFormPage>(form with { Error = e.Message }, e.StatusCode);
            }
        });

        ui.MapGet("/audits/{audit}", async (string audit, HttpContext http, IMediator m) =>
            UiResults.Page<AuditPage>(await LoadAsync(m, http, audit)));

        ui.MapPost("/audits/{audit}/{move:regex(^(cancel|suspend|resume)$)}", async (string audit, string move, HttpContext http, IMediator m) =>
        {
            await Csrf.ReadFormAsync(http);
            var ops = UiRequests.Replace("/state", JsonValue.Create(Moves[move]));
            return await Act(m, http, audit, () => m.Send(new UpdateAudit(UiRequests.Context(http), audit, ops, UiRequests.PatchText(ops))));
        });

        ui.MapPost("/audits/{audit}/delete", async (string audit, HttpContext http, IMediator m) =>
        {
            await Csrf.ReadFormAsync(http);
            try
            {
                await m.Send(new DeleteAudit(UiRequests.Context(http), audit), http.RequestAborted);
                return UiResults.SeeOther("/ui/audits");
            }
            catch (WatcherException e)
            {
                return UiResults.Page<AuditPage>((await LoadAsync(m, http, audit)) with { Error = e.Message }, e.StatusCode);
            }
        });
    }

    private static async Task<IResult> Act(IMediator m, HttpContext http, string audit, Func<Task> action)
    {
        try
        {
            await action();
            return UiResults.SeeOther($"/ui/audits/{audit}");
        }
        catch (WatcherException e)
        {
            return UiResults.Page<AuditPage>((await LoadAsync(m, http, audit)) with { Error = e.Message }, e.StatusCode);
        }
    }

    private static async Task<AuditModel> LoadAsync(IMediator m, HttpContext http, string audit)
    {
        var detail = await m.Send(new GetAudit(UiRequests.Context(http), audit), http.RequestAborted);
        var plans = await m.ListAsync(http, "action_plans", q => new ListActionPlans(q),
            new Dictionary<string, string> { ["audit_uuid"] = detail.Text("uuid")! }, limit: 50);
        return new AuditModel(detail, plans.Items);
    }
}
