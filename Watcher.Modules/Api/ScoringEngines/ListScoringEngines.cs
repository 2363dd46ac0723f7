using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.ScoringEngines;

public sealed record ListScoringEngines(ListQuery Query) : IRequest<JsonObject>;

public sealed class ListScoringEnginesHandler(WatcherDbContext db) : IRequestHandler<ListScoringEngines, JsonObject>
{
    public async Task<JsonObject> Handle(ListScoringEngines request, CancellationToken ct)
    {
        var q = request.Query;
        var rows = await db.ScoringEngines.Visible(q.Context).AsNoTracking().ToListAsync(ct);
        return Paging.Respond(q, rows, ScoringEngineView.Sort, e => ScoringEngineView.Build(e, q.Context, q.Detail),
            m => new NotFoundException($"ScoringEngine {m} could not be found"));
    }
}
