using Watcher.Modules.Persistence;

namespace Watcher.Modules.Shared.Services;

/// <summary>
/// Which processes can still finish what they claimed: those that beat within the liveness timeout and did
/// not stop. Work claimed by any other instance (or by nobody, as rows written before claims existed) is an
/// orphan that any live process may recover.
/// </summary>
public static class ProcessLiveness
{
    /// <summary>Instance ids alive now, as a subquery to filter claims with.</summary>
    public static IQueryable<string> LiveInstances(this WatcherDbContext db, TimeSpan timeout)
    {
        var cutoff = db.UtcNow - timeout;
        return db.Processes.Where(p => p.StoppedAt == null && p.LastSeenUp >= cutoff).Select(p => p.InstanceId);
    }
}

/// <summary>
/// Published after every heartbeat and once at start-up: each module brings the work of dead processes to a
/// defined end (the applier its ONGOING plans, §9.7; the decision engine its ONGOING audits).
/// </summary>
public sealed record RecoverOrphanedWork : MediatR.INotification;
