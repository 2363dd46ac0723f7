using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Decision.Audits;

/// <summary>
/// At start-up, ONESHOT audits this engine left ONGOING (the process stopped mid-run) can never finish:
/// they become CANCELLED, as upstream's decision engine does (reference §1).
/// </summary>
public sealed record CancelInterruptedAudits : IRequest<int>;

public sealed class CancelInterruptedAuditsHandler(WatcherDbContext db, IOptions<DecisionEngineOptions> options)
    : IRequestHandler<CancelInterruptedAudits, int>
{
    public async Task<int> Handle(CancelInterruptedAudits request, CancellationToken ct)
    {
        var host = options.Value.Host;
        var interrupted = await db.Audits
            .Where(a => a.AuditType == AuditTypes.Oneshot && a.State == AuditStates.Ongoing && a.Hostname == host)
            .ToListAsync(ct);
        foreach (var audit in interrupted) audit.Cancel();
        await db.SaveChangesAsync(ct);
        return interrupted.Count;
    }
}
