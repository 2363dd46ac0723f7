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
        var rows = db.AuditTemplatesWithLinks(q.Context).AsNoTracking();
        if (q.Filter("goal") is { } goal)
        {
            var uuid = Wire.IsUuid(goal) ? Wire.NormalizeUuid(goal) : null;
            rows = uuid is not null ? rows.Where(t => t.Goal.Uuid == uuid) : rows.Where(t => t.Goal.Name == goal);
        }
        if (q.Filter("strategy") is { } strategy)
        {
            var uuid = Wire.IsUuid(strategy) ? Wire.NormalizeUuid(strategy) : null;
            rows = uuid is not null ? rows.Where(t => t.Strategy!.Uuid == uuid) : rows.Where(t => t.Strategy!.Name == strategy);
        }
        return Paging.Respond(q, await rows.ToListAsync(ct), AuditTemplateView.Sort,
            t => AuditTemplateView.Build(t, q.Context, q.Detail), m => new NotFoundException($"AuditTemplate {m} could not be found"));
    }
}
