using System.Text.Json.Nodes;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Actions;

public sealed record GetAction(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class GetActionHandler(WatcherDbContext db) : IRequestHandler<GetAction, JsonObject>
{
    public async Task<JsonObject> Handle(GetAction request, CancellationToken ct)
    {
        var uuid = Wire.RequireUuid(request.Ident);
        // One statement: the action, its plan's uuid and its type's description (a single GET is the API's most
        // frequent call; each statement costs as much as the row it reads).
        var found = await db.Actions.Visible(request.Context).AsNoTracking().Where(a => a.Uuid == uuid)
            .Select(a => new
            {
                // ActionView.Row's columns, spelled out: EF cannot read a member of a record built in an earlier Select.
                Row = new ActionRow(a.Id, a.Uuid, a.ActionPlan.Uuid, a.ActionType, a.State, a.Parents, a.InputParameters,
                    a.StatusMessage, a.CreatedAt, a.UpdatedAt, a.DeletedAt),
                Description = db.ActionDescriptions.Where(d => d.ActionType == a.ActionType).Select(d => d.Description).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct) ?? throw new NotFoundException($"Action {request.Ident} could not be found");
        var descriptions = new Dictionary<string, string> { [found.Row.ActionType] = found.Description ?? "" };
        return ActionView.Build(found.Row, request.Context, detail: true, descriptions);
    }
}
