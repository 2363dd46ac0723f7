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
        var page = await Paging.Page(q, db.ScoringEngines.Visible(q.Context).AsNoTracking(), ScoringEngineView.Sort, e => e,
            m => new NotFoundException($"ScoringEngine {m} could not be found"), ct);
        return Paging.Respond(q, page, e => e.Uuid, e => ScoringEngineView.Build(e, q.Context, q.Detail));
    }
}
