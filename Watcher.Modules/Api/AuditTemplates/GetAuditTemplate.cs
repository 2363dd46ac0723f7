using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Api.AuditTemplates;

public sealed record GetAuditTemplate(ApiContext Context, string Ident) : IRequest<JsonObject>;

public sealed class GetAuditTemplateHandler(WatcherDbContext db) : IRequestHandler<GetAuditTemplate, JsonObject>
{
    public async Task<JsonObject> Handle(GetAuditTemplate request, CancellationToken ct) =>
        AuditTemplateView.Build(await db.GetAuditTemplate(request.Context, request.Ident, ct), request.Context, detail: true);
}
