using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Api.Strategies;

public sealed record GetStrategy(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class GetStrategyHandler(WatcherDbContext db) : IRequestHandler<GetStrategy, JsonObject>
{
    public async Task<JsonObject> Handle(GetStrategy request, CancellationToken ct) =>
        StrategyView.Build(await db.GetStrategy(request.Context, request.Ident, ct), request.Context, detail: true);
}
