using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Goals;

public sealed record ListGoals(ListQuery Query) : IRequest<JsonObject>;

public sealed class ListGoalsHandler(WatcherDbContext db) : IRequestHandler<ListGoals, JsonObject>
{
    public async Task<JsonObject> Handle(ListGoals request, CancellationToken ct)
    {
        var q = request.Query;
        var page = await Paging.Page(q, db.Goals.Visible(q.Context).AsNoTracking(), GoalView.Sort, g => g,
            m => new NotFoundException($"Goal {m} could not be found"), ct);
        return Paging.Respond(q, page, g => g.Uuid, g => GoalView.Build(g, q.Context, q.Detail));
    }
}
