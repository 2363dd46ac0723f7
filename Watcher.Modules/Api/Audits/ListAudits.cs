using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Audits;

/// <summary>Filters: goal and strategy, each a UUID or a name.</summary>
public sealed record ListAudits(ListQuery Query) : IRequest<JsonObject>;

public sealed class ListAuditsHandler(WatcherDbContext db) : IRequestHandler<ListAudits, JsonObject>
{
    public async Task<JsonObject> Handle(ListAudits request, CancellationToken ct)
    {
        var q = request.Query;
        var rows = db.Audits.Visible(q.Context).AsNoTracking();
        if (q.Filter("goal") is { } goal)
        {
            var id = Wire.UuidOrName(goal);
            rows = rows.Where(a => id.Uuid != null ? a.Goal.Uuid == id.Uuid : a.Goal.Name == id.Name);
        }
        if (q.Filter("strategy") is { } strategy)
        {
            var id = Wire.UuidOrName(strategy);
            rows = rows.Where(a => id.Uuid != null ? a.Strategy!.Uuid == id.Uuid : a.Strategy!.Name == id.Name);
        }
        var page = await Paging.Page(q, rows, AuditView.Sort, AuditView.Row,
            m => new NotFoundException($"Audit {m} could not be found"), ct);
        return Paging.Respond(q, page, a => a.Uuid, a => AuditView.Build(a, q.Context, q.Detail));
    }
}
