using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Decision.Audits;

/// <summary>
/// Start-up recovery of ONESHOT audits. Our audit queue lives in memory, so after a stop: audits this engine
/// left ONGOING can never finish and become CANCELLED (as upstream's engine does, reference §1), and audits
/// still PENDING lost their trigger and are queued again. Returns (cancelled, requeued).
/// </summary>
public sealed record RecoverInterruptedAudits : IRequest<(int Cancelled, int Requeued)>;

public sealed class RecoverInterruptedAuditsHandler(WatcherDbContext db, AuditQueue queue, IOptions<WatcherHostOptions> host)
    : IRequestHandler<RecoverInterruptedAudits, (int Cancelled, int Requeued)>
{
    public async Task<(int Cancelled, int Requeued)> Handle(RecoverInterruptedAudits request, CancellationToken ct)
    {
        var thisHost = host.Value.Host;
        var interrupted = await db.Audits
            .Where(a => a.AuditType == AuditTypes.Oneshot && a.State == AuditStates.Ongoing && a.Hostname == thisHost)
            .ToListAsync(ct);
        foreach (var audit in interrupted) audit.Cancel();
        await db.SaveChangesAsync(ct);

        var waiting = await db.Audits
            .Where(a => a.AuditType == AuditTypes.Oneshot && a.State == AuditStates.Pending)
            .OrderBy(a => a.Id).Select(a => a.Uuid).ToListAsync(ct);
        foreach (var uuid in waiting) queue.Enqueue(uuid);
        return (interrupted.Count, waiting.Count);
    }
}
