using Microsoft.Extensions.Options;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Planner.Contracts;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Planner.Planners;

/// <summary>
/// Orders actions by type weight into a layered chain (reference §8.1): groups by weight, heaviest first, each
/// group cut into layers of at most <c>parallelization[type]</c> actions; every action of a layer has all actions
/// of the previous layer as parents. Solution order is kept inside a weight group.
/// </summary>
public sealed class WeightPlanner(IOptions<WeightPlannerOptions> options) : IPlanner
{
    public const string PluginName = "weight";
    public string Name => PluginName;

    public IReadOnlyList<PlannedAction> Schedule(Solution solution)
    {
        var config = options.Value;
        var groups = new SortedDictionary<int, List<SolutionAction>>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        foreach (var action in solution.Actions)
        {
            if (!config.Weights.TryGetValue(action.ActionType, out var weight))
                throw new PlanningFailedException($"The weight planner has no weight for action type '{action.ActionType}'");
            if (!groups.TryGetValue(weight, out var group)) groups[weight] = group = [];
            group.Add(action);
        }

        // Like upstream, a group's layer size comes from the (last) type declared with that weight.
        var typeOfWeight = new Dictionary<int, string>();
        foreach (var (type, weight) in config.Weights) typeOfWeight[weight] = type;

        var planned = new List<PlannedAction>();
        var previousLayer = new List<string>();
        foreach (var (weight, actions) in groups)
        {
            var type = typeOfWeight[weight];
            if (!config.Parallelization.TryGetValue(type, out var size))
                throw new PlanningFailedException($"The weight planner has no parallelization for action type '{type}'");
            foreach (var layer in actions.Chunk(Math.Max(1, size)))
            {
                var uuids = new List<string>();
                foreach (var action in layer)
                {
                    var uuid = Guid.NewGuid().ToString();
                    planned.Add(new PlannedAction(uuid, action.ActionType, action.InputParameters.Clone()!, previousLayer));
                    uuids.Add(uuid);
                }
                previousLayer = uuids;
            }
        }
        return planned;
    }
}
