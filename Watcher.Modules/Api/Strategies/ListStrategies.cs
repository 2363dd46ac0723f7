using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Strategies;

/// <summary>`goal` filter: a UUID filters on the goal's uuid, anything else on its name.</summary>
public sealed record ListStrategies(ListQuery Query) : IRequest<JsonObject>;

public sealed class ListStrategiesHandler(WatcherDbContext db) : IRequestHandler<ListStrategies, JsonObject>
{
    public async Task<JsonObject> Handle(ListStrategies request, CancellationToken ct)
    {
        var q = request.Query;
        var rows = db.Strategies.Visible(q.Context).AsNoTracking();
        if (q.Filter("goal") is { } goal)
        {
            var id = Wire.UuidOrName(goal);
            rows = rows.Where(s => id.Uuid != null ? s.Goal.Uuid == id.Uuid : s.Goal.Name == id.Name);
        }
        var page = await Paging.Page(q, rows, StrategyView.Sort, StrategyView.Row,
            m => new NotFoundException($"Strategy {m} could not be found"), ct);
        return Paging.Respond(q, page, s => s.Uuid, s => StrategyView.Build(s, q.Context, q.Detail));
    }
}
