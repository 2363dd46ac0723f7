using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Planner.Contracts;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Planner;

/// <summary>A planner orders a solution's actions into a DAG: each action gets the UUIDs of its parents (reference §8).</summary>
public interface IPlanner : IPlugin
{
    /// <summary>Returns the planned actions (fresh UUIDs, parents set). Throws <see cref="PlanningFailedException"/>.</summary>
    IReadOnlyList<PlannedAction> Schedule(Solution solution);
}
