using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Api.Audits;

/// <summary>DELETE: only finished audits (the entity enforces it); the audit's action plans are kept.</summary>
public sealed record DeleteAudit(ApiContext Context, string Ident) : IRequest<Unit>;

public sealed class DeleteAuditHandler(WatcherDbContext db) : IRequestHandler<DeleteAudit, Unit>
{
    public async Task<Unit> Handle(DeleteAudit request, CancellationToken ct)
    {
        var audit = await db.GetAudit(request.Context with { ShowDeleted = false }, request.Ident, ct);
        audit.Delete(db.UtcNow);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
