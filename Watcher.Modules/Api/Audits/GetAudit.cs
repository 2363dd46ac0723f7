using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Api.Audits;

public sealed record GetAudit(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class GetAuditHandler(WatcherDbContext db) : IRequestHandler<GetAudit, JsonObject>
{
    public async Task<JsonObject> Handle(GetAudit request, CancellationToken ct) =>
        AuditView.Build(await db.GetAudit(request.Context, request.Ident, ct, readOnly: true), request.Context, detail: true);
}
