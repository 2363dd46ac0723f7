using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Audits;

public sealed record GetAudit(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class GetAuditHandler(WatcherDbContext db) : IRequestHandler<GetAudit, JsonObject>
{
    public async Task<JsonObject> Handle(GetAudit request, CancellationToken ct)
    {
        var row = await db.Audits.Visible(request.Context).FindRowByIdent(request.Ident, n => a => a.Name == n, AuditView.Row, ct)
            ?? throw new NotFoundException($"Audit {request.Ident} could not be found");
        return AuditView.Build(row, request.Context, detail: true);
    }
}
