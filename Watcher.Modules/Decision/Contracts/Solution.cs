using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Watcher.Modules.Decision.Contracts;

/// <summary>One proposed action: upstream's {action_type, input_parameters} (resource_id already inside).</summary>
public sealed record SolutionAction(string ActionType, JsonObject InputParameters);

/// <summary>
/// The ordered actions a strategy proposes plus the efficacy indicators it reports (reference §7.0).
/// </summary>
public sealed class Solution
{
    private readonly List<SolutionAction> _actions = [];
    private readonly Dictionary<string, double> _indicators = new();

    /// <summary>
    /// Identity of every action held, for the duplicate check. Upstream compares the new action with each
    /// earlier one (quadratic: three quarters of a 10 000-VM run); a set gives the same answer in constant time.
    /// </summary>
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    public IReadOnlyList<SolutionAction> Actions => _actions;

    /// <summary>Indicator name -> value, in the order they were reported.</summary>
    public IReadOnlyDictionary<string, double> Indicators => _indicators;

    /// <summary>
    /// Adds an action; <paramref name="resourceId"/> becomes input_parameters.resource_id. Exact duplicates are
    /// dropped, as upstream does (returns false then).
    /// </summary>
    public bool AddAction(string actionType, string? resourceId, JsonObject? inputParameters = null)
    {
        var input = inputParameters ?? new JsonObject();
        if (input.ContainsKey("resource_id"))
            throw new ArgumentException("The identifier 'resource_id' is a reserved word");
        if (resourceId is not null) input["resource_id"] = resourceId;
        if (!_keys.Add(Key(actionType, input))) return false;
        _actions.Add(new SolutionAction(actionType, input));
        return true;
    }

    /// <summary>Removes actions (e.g. vm_workload_consolidation's optimise phase drops round trips).</summary>
    public void RemoveActions(Func<SolutionAction, bool> predicate) =>
        _actions.RemoveAll(a =>
        {
            if (!predicate(a)) return false;
            _keys.Remove(Key(a.ActionType, a.InputParameters));
            return true;
        });

    public void SetIndicator(string name, double value) => _indicators[name] = value;

    /// <summary>
    /// Upstream compares Python dicts: key order does not matter and 1 equals 1.0. The key is therefore written
    /// with sorted property names and numbers in one canonical form.
    /// </summary>
    private static string Key(string actionType, JsonObject input)
    {
        var text = new StringBuilder(actionType).Append('|');
        Canonical(input, text);
        return text.ToString();
    }

    private static void Canonical(JsonNode? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                foreach (var (name, value) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(JsonSerializer.Serialize(name)).Append(':');
                    Canonical(value, text);
                    text.Append(',');
                }
                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                foreach (var item in array)
                {
                    Canonical(item, text);
                    text.Append(',');
                }
                text.Append(']');
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.Number:
                // GetValue<double> throws for a value built in code from an int; the JSON text always parses.
                text.Append(double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }
}

/// <summary>A computed efficacy value, as stored with an action plan: {name, description, unit, value}.</summary>
public sealed record EfficacyValue(string Name, string Description, string? Unit, double Value);
