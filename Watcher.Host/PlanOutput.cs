using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Planner.Contracts;

namespace Watcher.Host;

internal sealed record PlanTimings(double LoadMs, double StrategyMs, double PlannerMs);

/// <summary>What the offline `plan` verb prints: as text for people, or as one JSON document for scripts.</summary>
internal sealed record PlanOutput(
    string Strategy,
    IGoal Goal,
    JsonObject Parameters,
    IReadOnlyList<PlannedAction> Actions,
    IReadOnlyDictionary<string, double> Indicators,
    IReadOnlyList<EfficacyValue> GlobalEfficacy,
    PlanTimings Timings)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public string ToJson()
    {
        var specs = Goal.EfficacySpecification.ToDictionary(s => s.Name);
        var document = new JsonObject
        {
            ["strategy"] = Strategy,
            ["goal"] = Goal.Name,
            ["parameters"] = Parameters.DeepClone(),
            ["actions"] = new JsonArray(Actions.Select(a => (JsonNode?)new JsonObject
            {
                ["uuid"] = a.Uuid,
                ["action_type"] = a.ActionType,
                ["input_parameters"] = a.InputParameters.DeepClone(),
                ["parents"] = a.Parents is null ? null : new JsonArray(a.Parents.Select(p => (JsonNode?)p).ToArray()),
            }).ToArray()),
            ["efficacy_indicators"] = new JsonArray(Indicators.Select(i => (JsonNode?)Value(
                i.Key, specs.GetValueOrDefault(i.Key)?.Description, specs.GetValueOrDefault(i.Key)?.Unit, i.Value)).ToArray()),
            ["global_efficacy"] = new JsonArray(GlobalEfficacy.Select(g => (JsonNode?)Value(g.Name, g.Description, g.Unit, g.Value)).ToArray()),
            ["timings_ms"] = new JsonObject
            {
                ["load"] = Round(Timings.LoadMs), ["strategy"] = Round(Timings.StrategyMs), ["planner"] = Round(Timings.PlannerMs),
            },
        };
        return document.ToJsonString(Indented) + Environment.NewLine;
    }

    public string ToText()
    {
        var text = new StringBuilder();
        text.AppendLine($"Strategy {Strategy} (goal {Goal.Name})");
        text.AppendLine($"Parameters: {Parameters.ToJsonString()}");
        text.AppendLine($"Actions: {Actions.Count}");
        var number = Actions.Select((a, i) => (a.Uuid, Index: i + 1)).ToDictionary(x => x.Uuid, x => x.Index);
        foreach (var (action, index) in Actions.Select((a, i) => (a, i + 1)))
        {
            var parents = action.Parents is null ? "null"
                : action.Parents.Count == 0 ? "-" : string.Join(",", action.Parents.Select(p => "#" + number[p]));
            text.AppendLine($"  #{index,-3} {action.ActionType,-26} after {parents,-8} {Describe(action.InputParameters)}");
        }
        foreach (var (name, value) in Indicators) text.AppendLine($"Indicator {name} = {Fmt(value)}");
        foreach (var g in GlobalEfficacy) text.AppendLine($"Global efficacy {g.Name} = {Fmt(g.Value)}{g.Unit}");
        text.AppendLine($"Timings: load {Fmt(Round(Timings.LoadMs))} ms, strategy {Fmt(Round(Timings.StrategyMs))} ms, "
            + $"planner {Fmt(Round(Timings.PlannerMs))} ms");
        return text.ToString();
    }

    private static string Describe(JsonObject input) =>
        string.Join(" ", input.Select(p => $"{p.Key}={(p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : p.Value?.ToJsonString() ?? "null")}"));

    private static JsonObject Value(string name, string? description, string? unit, double value) => new()
    {
        ["name"] = name, ["description"] = description, ["unit"] = unit, ["value"] = value,
    };

    private static double Round(double ms) => Math.Round(ms, 3);

    private static string Fmt(double d) => d.ToString(CultureInfo.InvariantCulture);
}
