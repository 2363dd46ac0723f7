using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Api.Actions;

public sealed record GetAction(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class GetActionHandler(WatcherDbContext db) : IRequestHandler<GetAction, JsonObject>
{
    public async Task<JsonObject> Handle(GetAction request, CancellationToken ct)
    {
        var action = await db.GetAction(request.Context, request.Ident, ct);
        var descriptions = await db.ActionDescriptions.AsNoTracking().Where(d => d.ActionType == action.ActionType)
            .ToDictionaryAsync(d => d.ActionType, d => d.Description, ct);
        return ActionView.Build(action, request.Context, detail: true, descriptions);
    }
}
