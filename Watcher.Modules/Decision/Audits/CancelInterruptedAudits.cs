using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Decision.Audits;

/// <summary>
/// At start-up, ONESHOT audits this engine left ONGOING (the process stopped mid-run) can never finish:
/// they become CANCELLED, as upstream's decision engine does (reference §1).
/// </summary>
public sealed record CancelInterruptedAudits : IRequest<int>;

public sealed class CancelInterruptedAuditsHandler(WatcherDbContext db, IOptions<WatcherHostOptions> host)
    : IRequestHandler<CancelInterruptedAudits, int>
{
    public async Task<int> Handle(CancelInterruptedAudits request, CancellationToken ct)
    {
        var thisHost = host.Value.Host;
        var interrupted = await db.Audits
            .Where(a => a.AuditType == AuditTypes.Oneshot && a.State == AuditStates.Ongoing && a.Hostname == thisHost)
            .ToListAsync(ct);
        foreach (var audit in interrupted) audit.Cancel();
        await db.SaveChangesAsync(ct);
        return interrupted.Count;
    }
}
