using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Api.AuditTemplates;

/// <summary>DELETE: soft delete, no state or reference checks (audits keep their own copy of everything).</summary>
public sealed record DeleteAuditTemplate(ApiContext Context, string Ident) : IRequest<Unit>;

public sealed class DeleteAuditTemplateHandler(WatcherDbContext db) : IRequestHandler<DeleteAuditTemplate, Unit>
{
    public async Task<Unit> Handle(DeleteAuditTemplate request, CancellationToken ct)
    {
        var template = await db.GetAuditTemplate(request.Context with { ShowDeleted = false }, request.Ident, ct);
        template.SoftDelete(db.UtcNow);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
