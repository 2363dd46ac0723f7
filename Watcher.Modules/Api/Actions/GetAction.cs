using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Actions;

public sealed record GetAction(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class GetActionHandler(WatcherDbContext db, ActionDescriptions descriptions) : IRequestHandler<GetAction, JsonObject>
{
    public async Task<JsonObject> Handle(GetAction request, CancellationToken ct)
    {
        var uuid = Wire.RequireUuid(request.Ident);
        // One statement, reading only the view's columns, untracked: a single GET is the API's most frequent call.
        var row = await db.Actions.Visible(request.Context).Where(a => a.Uuid == uuid).Select(ActionView.Row).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException($"Action {request.Ident} could not be found");
        return ActionView.Build(row, request.Context, detail: true, await descriptions.GetAsync(db, [row.ActionType], ct));
    }
}
