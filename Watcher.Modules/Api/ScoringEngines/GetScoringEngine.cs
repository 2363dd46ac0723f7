using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.ScoringEngines;

public sealed record GetScoringEngine(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class GetScoringEngineHandler(WatcherDbContext db) : IRequestHandler<GetScoringEngine, JsonObject>
{
    public async Task<JsonObject> Handle(GetScoringEngine request, CancellationToken ct)
    {
        var engine = await db.ScoringEngines.Visible(request.Context).FindByIdent(request.Ident, n => e => e.Name == n, ct)
            ?? throw new NotFoundException($"ScoringEngine {request.Ident} could not be found");
        return ScoringEngineView.Build(engine, request.Context, detail: true);
    }
}
