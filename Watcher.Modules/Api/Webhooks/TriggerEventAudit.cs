using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Webhooks;

/// <summary>POST /v1/webhooks/{audit}: re-run an EVENT audit that is PENDING or SUCCEEDED (reference §2.13).</summary>
public sealed record TriggerEventAudit(ApiContext Context, string Ident) : IRequest<Unit>;

public sealed class TriggerEventAuditHandler(WatcherDbContext db, IMediator mediator) : IRequestHandler<TriggerEventAudit, Unit>
{
    public async Task<Unit> Handle(TriggerEventAudit request, CancellationToken ct)
    {
        var audit = await db.GetAudit(request.Context with { ShowDeleted = false }, request.Ident, ct);
        if (audit.AuditType != AuditTypes.Event) throw new InvalidRequestException($"Audit type {audit.AuditType} is disallowed.");
        if (audit.State is not (AuditStates.Pending or AuditStates.Succeeded))
            throw new InvalidRequestException($"Audit state {audit.State} is disallowed.");
        await mediator.Publish(new TriggerAudit(audit.Uuid), ct);
        return Unit.Value;
    }
}
