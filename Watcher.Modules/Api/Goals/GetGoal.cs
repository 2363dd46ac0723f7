using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Api.Goals;

public sealed record GetGoal(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class GetGoalHandler(WatcherDbContext db) : IRequestHandler<GetGoal, JsonObject>
{
    public async Task<JsonObject> Handle(GetGoal request, CancellationToken ct) =>
        GoalView.Build(await db.GetGoal(request.Context, request.Ident, ct), request.Context, detail: true);
}
