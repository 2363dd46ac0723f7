using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Applier.Actions;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Applier.Conflicts;

/// <summary>Another running plan acts on some of the same servers, hosts, nodes or volumes.</summary>
internal sealed record PlanConflict(string OtherPlanUuid, string OtherState, IReadOnlyList<string> Resources)
{
    public string Shared => string.Join(", ", Resources.Take(5).Select(Touched.Describe)) + (Resources.Count > 5 ? ", ..." : "");

    public string WaitingMessage =>
        $"Waiting for action plan {OtherPlanUuid} ({OtherState}), which acts on the same resources: {Shared}.";

    public string RefusalMessage =>
        $"Action plan acts on resources of action plan {OtherPlanUuid} ({OtherState}): {Shared}. " +
        "Start it once that plan has finished.";
}

/// <summary>
/// Two plans never act on one server or host at once: a plan's resources are what its actions touch
/// (<see cref="IAction.TouchedResources"/>), and a plan may start only while no ONGOING or CANCELLING plan touches
/// any of them. Plans on disjoint resources run side by side (Watcher:Applier:Workers permitting).
/// </summary>
internal sealed class PlanConflicts(PluginCatalog<IAction> catalog)
{
    public async Task<PlanConflict?> FindAsync(WatcherDbContext db, ActionPlan plan, CancellationToken ct)
    {
        var mine = ResourcesOf(plan.Actions);
        if (mine.Count == 0) return null;
        var running = await db.ActionPlans.AsNoTracking().Include(p => p.Actions)
            .Where(p => p.Id != plan.Id && (p.State == ActionPlanStates.Ongoing || p.State == ActionPlanStates.Cancelling))
            .OrderBy(p => p.Id).ToListAsync(ct);
        foreach (var other in running)
        {
            var shared = ResourcesOf(other.Actions).Intersect(mine).Order(StringComparer.Ordinal).ToList();
            if (shared.Count > 0) return new PlanConflict(other.Uuid, other.State, shared);
        }
        return null;
    }

    public HashSet<string> ResourcesOf(IEnumerable<WatcherAction> actions)
    {
        var resources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions.Where(a => a.State != ActionStates.Deleted))
        {
            var touched = catalog.TryGet(action.ActionType, out var plugin)
                ? plugin.TouchedResources(action.InputParameters)
                : Touched.Read(action.InputParameters, "resource_id", Touched.Resource);
            resources.UnionWith(touched);
        }
        return resources;
    }
}
