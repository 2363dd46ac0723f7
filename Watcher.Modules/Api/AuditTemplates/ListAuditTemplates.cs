using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.AuditTemplates;

/// <summary>Filters: goal and strategy, each a UUID or a name.</summary>
public sealed record ListAuditTemplates(ListQuery Query) : IRequest<JsonObject>;

public sealed class ListAuditTemplatesHandler(WatcherDbContext db) : IRequestHandler<ListAuditTemplates, JsonObject>
{
    public async Task<JsonObject> Handle(ListAuditTemplates request, CancellationToken ct)
    {
        var q = request.Query;
        var rows = db.AuditTemplates.Visible(q.Context).AsNoTracking();
        if (q.Filter("goal") is { } goal)
        {
            var id = Wire.UuidOrName(goal);
            rows = rows.Where(t => id.Uuid != null ? t.Goal.Uuid == id.Uuid : t.Goal.Name == id.Name);
        }
        if (q.Filter("strategy") is { } strategy)
        {
            var id = Wire.UuidOrName(strategy);
            rows = rows.Where(t => id.Uuid != null ? t.Strategy!.Uuid == id.Uuid : t.Strategy!.Name == id.Name);
        }
        var page = await Paging.Page(q, rows, AuditTemplateView.Sort, AuditTemplateView.Row,
            m => new NotFoundException($"AuditTemplate {m} could not be found"), ct);
        return Paging.Respond(q, page, t => t.Uuid, t => AuditTemplateView.Build(t, q.Context, q.Detail));
    }
}
