using System.Text.Json.Nodes;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>One line saying what an action does, from its input parameters (any action type: unknown ones show their resource).</summary>
public static class ActionText
{
    public static string Summary(JsonObject action)
    {
        var p = action.Object("input_parameters");
        var resource = p.Text("resource_name") ?? Short(p.Text("resource_id"));
        return action.Text("action_type") switch
        {
            "migrate" => $"{resource}: {p.Text("source_node")} → {p.Text("destination_node") ?? "scheduler's choice"} ({p.Text("migration_type")})",
            "change_nova_service_state" => $"{p.Text("resource_name")} → {p.Text("state")}",
            "sleep" => $"{p.Text("duration")} s",
            "nop" => p.Text("message") ?? "",
            _ => resource,
        };
    }

    public static string Short(string? uuid) => uuid is { Length: 36 } ? uuid[..8] : uuid ?? "";

    /// <summary>Column of each action in the drawn graph: 1 + its deepest parent's (parents outside the plan ignored).</summary>
    public static Dictionary<string, int> Depths(IReadOnlyList<JsonObject> actions)
    {
        var parents = actions.ToDictionary(a => a.Text("uuid")!, a => a.Array("parents").OfType<JsonValue>().Select(p => p.ToString()).ToList());
        var depth = new Dictionary<string, int>();
        int Of(string uuid, int guard)
        {
            if (depth.TryGetValue(uuid, out var d)) return d;
            if (guard > parents.Count) return 1;   // a cycle: draw it somewhere rather than loop
            var known = parents[uuid].Where(parents.ContainsKey).ToList();
            d = known.Count == 0 ? 1 : 1 + known.Max(p => Of(p, guard + 1));
            depth[uuid] = d;
            return d;
        }
        foreach (var uuid in parents.Keys) Of(uuid, 0);
        return depth;
    }
}
