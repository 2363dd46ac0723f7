using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Decision.Strategies.Basic;

/// <summary>
/// Upstream's filter_instances_by_audit_tag: an instance with no metadata may move; otherwise its
/// <c>optimize</c> value must read as true the way oslo's bool_from_string does (1, t, true, on, y, yes; anything
/// else — including a missing key next to other metadata — reads as false).
/// </summary>
internal static class OptimizeMetadata
{
    private static readonly HashSet<string> TrueStrings = ["1", "t", "true", "on", "y", "yes"];

    public static bool AllowsMove(Instance instance)
    {
        if (instance.Metadata.Count == 0) return true;
        return instance.Metadata["optimize"] switch
        {
            JsonValue v when v.GetValueKind() is JsonValueKind.True => true,
            JsonValue v when v.GetValueKind() is JsonValueKind.False => false,
            JsonValue v when v.GetValueKind() is JsonValueKind.String => TrueStrings.Contains(v.GetValue<string>().Trim().ToLowerInvariant()),
            // Python str() of an int is its digits; of a float it has a decimal point, which never reads as true.
            JsonValue v when v.GetValueKind() is JsonValueKind.Number => v.ToJsonString() == "1",
            _ => false,
        };
    }
}
