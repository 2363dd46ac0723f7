using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Planner.Contracts;

namespace Watcher.Modules.Planner.Planners;

/// <summary>
/// The planner of the workload_balancing strategies (reference §8.2): actions sorted by type weight, heaviest
/// first (solution order kept within a weight), and parents only where an order matters — a resize waits for the
/// migrations of its instance; a host's turn_host_to_acpi_s3_state waits for the resizes on that host and the
/// migrations leaving it. Everything else runs in parallel, so parents stay null as upstream writes them.
/// </summary>
public sealed class WorkloadStabilizationPlanner(IOptions<WorkloadStabilizationPlannerOptions> options) : IPlanner
{
    public const string PluginName = "workload_stabilization";
    private const string AcpiS3 = "turn_host_to_acpi_s3_state";

    /// <summary>The action types this planner knows how to order (besides the acpi one, which no action implements).</summary>
    private static readonly HashSet<string> Supported = ["migrate", "resize", "change_nova_service_state", "sleep", "nop", "volume_migrate"];

    public string Name => PluginName;

    public IReadOnlyList<PlannedAction> Schedule(Solution solution)
    {
        var weights = options.Value.Weights;
        foreach (var action in solution.Actions)
            if (!weights.ContainsKey(action.ActionType))
                throw new PlanningFailedException($"The workload_stabilization planner has no weight for action type '{action.ActionType}'");

        // Stable: equal weights keep the solution's order.
        var ordered = solution.Actions.OrderByDescending(a => weights[a.ActionType]).ToList();
        var registry = new Dictionary<string, List<(string Uuid, string Type)>>();
        var parentsOf = new Dictionary<string, IReadOnlyList<string>>();
        var planned = new List<PlannedAction>();
        foreach (var action in ordered)
        {
            var uuid = Guid.NewGuid().ToString();
            var input = action.InputParameters;
            IReadOnlyList<string>? parents = null;
            if (action.ActionType == AcpiS3)
                parents = AcpiParents(registry, parentsOf, Text(input, "resource_id"));
            else if (!Supported.Contains(action.ActionType))
                throw new PlanningFailedException($"Provided {action.ActionType} is not supported yet");
            else
                parents = Register(registry, action.ActionType, input, uuid);
            if (parents is not null) parentsOf[uuid] = parents;
            planned.Add(new PlannedAction(uuid, action.ActionType, input.DeepClone().AsObject(), parents));
        }
        return planned;
    }

    /// <summary>
    /// Records the action under the resources it touches and returns its parents (null for none). A migration is
    /// recorded under its instance and its source host; a resize waits for its instance's migrations and is
    /// recorded under the host the instance is on before the plan runs (its first migration's source — upstream
    /// asked Nova, which at planning time gives the same host).
    /// </summary>
    private static IReadOnlyList<string>? Register(Dictionary<string, List<(string, string)>> registry, string type, JsonObject input, string uuid)
    {
        switch (type)
        {
            case "migrate":
                Add(registry, Text(input, "resource_id"), uuid, type);
                Add(registry, Text(input, "source_node"), uuid, type);
                return null;
            case "resize":
                var instance = Text(input, "resource_id");
                var earlier = instance is not null && registry.TryGetValue(instance, out var list) ? list.ToList() : [];
                Add(registry, CurrentHostOf(registry, instance), uuid, type);
                return earlier.Count > 0 ? earlier.Select(e => e.Item1).ToList() : null;
            case "change_nova_service_state":
                Add(registry, Text(input, "resource_id"), uuid, type);
                return null;
            default:
                return null;
        }
    }

    private static string? CurrentHostOf(Dictionary<string, List<(string Uuid, string Type)>> registry, string? instance)
    {
        if (instance is null || !registry.TryGetValue(instance, out var actions)) return null;
        foreach (var (uuid, type) in actions)
            if (type == "migrate")
                foreach (var (host, entries) in registry)
                    if (host != instance && entries.Contains((uuid, "migrate"))) return host;
        return null;
    }

    /// <summary>The resizes on the host, plus the migrations from it that are not already parents of those resizes.</summary>
    private static IReadOnlyList<string> AcpiParents(Dictionary<string, List<(string Uuid, string Type)>> registry,
        Dictionary<string, IReadOnlyList<string>> parentsOf, string? host)
    {
        if (host is null || !registry.TryGetValue(host, out var actions)) return [];
        var resizes = actions.Where(a => a.Type == "resize").Select(a => a.Uuid).ToList();
        var resizeParents = resizes.SelectMany(r => parentsOf.GetValueOrDefault(r) ?? []).ToHashSet();
        return resizes.Concat(actions.Where(a => a.Type == "migrate" && !resizeParents.Contains(a.Uuid)).Select(a => a.Uuid)).ToList();
    }

    private static void Add(Dictionary<string, List<(string, string)>> registry, string? key, string uuid, string type)
    {
        if (key is null) return;
        if (!registry.TryGetValue(key, out var list)) registry[key] = list = [];
        list.Add((uuid, type));
    }

    private static string? Text(JsonObject input, string key) => input[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
