using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.ActionPlans;

/// <summary>Filters: audit_uuid (a UUID) and strategy (UUID or name).</summary>
public sealed record ListActionPlans(ListQuery Query) : IRequest<JsonObject>;

public sealed class ListActionPlansHandler(WatcherDbContext db) : IRequestHandler<ListActionPlans, JsonObject>
{
    public async Task<JsonObject> Handle(ListActionPlans request, CancellationToken ct)
    {
        var q = request.Query;
        var rows = db.ActionPlanRows(q.Context).AsNoTracking();
        if (q.Filter("audit_uuid") is { } audit)
        {
            var uuid = Wire.RequireUuid(audit);
            rows = rows.Where(p => p.Audit.Uuid == uuid);
        }
        if (q.Filter("strategy") is { } strategy)
        {
            var id = Wire.UuidOrName(strategy);
            rows = rows.Where(p => id.Uuid != null ? p.Strategy.Uuid == id.Uuid : p.Strategy.Name == id.Name);
        }
        var page = await Paging.Page(q, rows, ActionPlanView.Sort, ActionPlanView.Row,
            m => new NotFoundException($"ActionPlan {m} could not be found"), ct);
        return Paging.Respond(q, page, p => p.Uuid, p => ActionPlanView.Build(p, q.Context, q.Detail));
    }
}
