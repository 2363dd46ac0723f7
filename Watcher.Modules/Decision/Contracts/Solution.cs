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

    public IReadOnlyList<SolutionAction> Actions => _actions;

    /// <summary>Indicator name -> value, in the order they were reported.</summary>
    public IReadOnlyDictionary<string, double> Indicators => _indicators;

    /// <summary>
    /// Adds an action; <paramref name="resourceId"/> becomes input_parameters.resource_id. Exact duplicates are
    /// dropped, as upstream does.
    /// </summary>
    public void AddAction(string actionType, string? resourceId, JsonObject? inputParameters = null)
    {
        var input = inputParameters ?? new JsonObject();
        if (input.ContainsKey("resource_id"))
            throw new ArgumentException("The identifier 'resource_id' is a reserved word");
        if (resourceId is not null) input["resource_id"] = resourceId;
        var json = input.ToJsonString();
        if (_actions.Any(a => a.ActionType == actionType && a.InputParameters.ToJsonString() == json)) return;
        _actions.Add(new SolutionAction(actionType, input));
    }

    /// <summary>Removes actions (e.g. vm_workload_consolidation's optimise phase drops round trips).</summary>
    public void RemoveActions(Func<SolutionAction, bool> predicate) => _actions.RemoveAll(a => predicate(a));

    public void SetIndicator(string name, double value) => _indicators[name] = value;
}

/// <summary>A computed efficacy value, as stored with an action plan: {name, description, unit, value}.</summary>
public sealed record EfficacyValue(string Name, string Description, string? Unit, double Value);
