using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Api.ActionPlans;

public sealed record GetActionPlan(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class GetActionPlanHandler(WatcherDbContext db) : IRequestHandler<GetActionPlan, JsonObject>
{
    public async Task<JsonObject> Handle(GetActionPlan request, CancellationToken ct) =>
        ActionPlanView.Build(await db.GetActionPlan(request.Context, request.Ident, ct, readOnly: true), request.Context, detail: true);
}
