using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Actions;

/// <summary>Filters: action_plan_uuid or audit_uuid (the audit's plans' actions), never both.</summary>
public sealed record ListActions(ListQuery Query) : IRequest<JsonObject>;

public sealed class ListActionsHandler(WatcherDbContext db, ActionDescriptions catalog) : IRequestHandler<ListActions, JsonObject>
{
    private static readonly IReadOnlyDictionary<string, string> NoDescriptions = new Dictionary<string, string>();

    public async Task<JsonObject> Handle(ListActions request, CancellationToken ct)
    {
        var q = request.Query;
        var planFilter = q.Filter("action_plan_uuid");
        var auditFilter = q.Filter("audit_uuid");
        if (planFilter is not null && auditFilter is not null)
            throw new InvalidRequestException("Filtering actions on both audit and action-plan is prohibited");
        var rows = db.Actions.Visible(q.Context).AsNoTracking();
        if (planFilter is not null)
        {
            var uuid = Wire.RequireUuid(planFilter);
            rows = rows.Where(a => a.ActionPlan.Uuid == uuid);
        }
        if (auditFilter is not null)
        {
            var uuid = Wire.RequireUuid(auditFilter);
            // The audit may have been deleted: its plans and their actions stay listed (upstream). Ignoring query
            // filters holds for a whole query, so the audit's plans are found in one of their own.
            var plans = await db.ActionPlans.IgnoreQueryFilters().Where(p => p.Audit.Uuid == uuid).Select(p => p.Id).ToListAsync(ct);
            rows = rows.Where(a => plans.Contains(a.ActionPlanId));
        }
        var page = await Paging.Page(q, rows, ActionView.Sort, ActionView.Row,
            m => new NotFoundException($"Action {m} could not be found"), ct);
        // Descriptions only for the detail form.
        var descriptions = q.Detail && page.Count > 0 ? await catalog.GetAsync(db, page.Select(a => a.ActionType).Distinct(), ct) : NoDescriptions;
        return Paging.Respond(q, page, a => a.Uuid, a => ActionView.Build(a, q.Context, q.Detail, descriptions));
    }
}
