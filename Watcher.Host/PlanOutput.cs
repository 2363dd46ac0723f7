using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Planner.Contracts;

namespace Watcher.Host;

internal sealed record PlanTimings(double LoadMs, double StrategyMs, double PlannerMs);

/// <summary>What the offline `plan` verb prints: as text for people, as one JSON document for scripts, or a summary.</summary>
internal sealed record PlanOutput(
    string Strategy,
    IGoal Goal,
    JsonObject Parameters,
    IReadOnlyList<PlannedAction> Actions,
    IReadOnlyDictionary<string, double> Indicators,
    IReadOnlyList<EfficacyValue> GlobalEfficacy,
    PlanTimings Timings)
{
    /// <summary>
    /// The whole plan, streamed: a plan of a 10 000-host cluster can hold millions of parent links, which a JSON
    /// document tree would hold in memory several times over.
    /// </summary>
    public void WriteJson(TextWriter output)
    {
        using var stream = new TextWriterStream(output);
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("strategy", Strategy);
            json.WriteString("goal", Goal.Name);
            json.WritePropertyName("parameters");
            Parameters.WriteTo(json);
            json.WriteStartArray("actions");
            foreach (var action in Actions)
            {
                json.WriteStartObject();
                json.WriteString("uuid", action.Uuid);
                json.WriteString("action_type", action.ActionType);
                json.WritePropertyName("input_parameters");
                action.InputParameters.WriteTo(json);
                if (action.Parents is null) json.WriteNull("parents");
                else
                {
                    json.WriteStartArray("parents");
                    foreach (var parent in action.Parents) json.WriteStringValue(parent);
                    json.WriteEndArray();
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WritePropertyName("efficacy_indicators");
            IndicatorList().WriteTo(json);
            json.WritePropertyName("global_efficacy");
            GlobalEfficacyList().WriteTo(json);
            json.WritePropertyName("timings_ms");
            TimingsObject().WriteTo(json);
            json.WriteEndObject();
        }
        output.WriteLine();
    }

    /// <summary>Counts only — what a benchmark needs — with hosts in use before and after the planned moves.</summary>
    public string ToSummary(IReadOnlyDictionary<string, string> placementBefore)
    {
        var after = new Dictionary<string, string>(placementBefore);
        var leftToScheduler = 0;
        foreach (var action in Actions.Where(a => a.ActionType == "migrate"))
        {
            if (action.InputParameters["resource_id"]?.GetValue<string>() is not { } id || !after.ContainsKey(id)) continue;
            if (action.InputParameters["destination_node"]?.GetValue<string>() is { } destination) after[id] = destination;
            else
            {
                after.Remove(id);   // the scheduler decides: only the source is known to lose it
                leftToScheduler++;
            }
        }
        var document = new JsonObject
        {
            ["strategy"] = Strategy,
            ["goal"] = Goal.Name,
            ["parameters"] = Parameters.DeepClone(),
            ["action_count"] = Actions.Count,
            ["action_types"] = new JsonObject(Actions.GroupBy(a => a.ActionType)
                .Select(g => KeyValuePair.Create(g.Key, (JsonNode?)g.Count()))),
            ["parent_links"] = Actions.Sum(a => (long)(a.Parents?.Count ?? 0)),
            ["hosts_in_use_before"] = placementBefore.Values.Distinct().Count(),
            ["hosts_in_use_after"] = after.Values.Distinct().Count(),
            ["migrations_left_to_scheduler"] = leftToScheduler,
            ["efficacy_indicators"] = IndicatorList(),
            ["global_efficacy"] = GlobalEfficacyList(),
            ["timings_ms"] = TimingsObject(),
        };
        return document.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + Environment.NewLine;
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

    private JsonArray IndicatorList()
    {
        var specs = Goal.EfficacySpecification.ToDictionary(s => s.Name);
        return new JsonArray(Indicators.Select(i => (JsonNode?)Value(
            i.Key, specs.GetValueOrDefault(i.Key)?.Description, specs.GetValueOrDefault(i.Key)?.Unit, i.Value)).ToArray());
    }

    private JsonArray GlobalEfficacyList() =>
        new(GlobalEfficacy.Select(g => (JsonNode?)Value(g.Name, g.Description, g.Unit, g.Value)).ToArray());

    private JsonObject TimingsObject() => new()
    {
        ["load"] = Round(Timings.LoadMs), ["strategy"] = Round(Timings.StrategyMs), ["planner"] = Round(Timings.PlannerMs),
    };

    private static string Describe(JsonObject input) =>
        string.Join(" ", input.Select(p => $"{p.Key}={(p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : p.Value?.ToJsonString() ?? "null")}"));

    private static JsonObject Value(string name, string? description, string? unit, double value) => new()
    {
        ["name"] = name, ["description"] = description, ["unit"] = unit, ["value"] = value,
    };

    private static double Round(double ms) => Math.Round(ms, 3);

    private static string Fmt(double d) => d.ToString(CultureInfo.InvariantCulture);

    /// <summary>UTF-8 bytes in, text out: lets Utf8JsonWriter write straight to the command's TextWriter.</summary>
    private sealed class TextWriterStream(TextWriter output) : Stream
    {
        private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
        private char[] _chars = new char[4096];

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var needed = _decoder.GetCharCount(buffer, flush: false);
            if (needed > _chars.Length) _chars = new char[needed];
            var written = _decoder.GetChars(buffer, _chars, flush: false);
            output.Write(_chars, 0, written);
        }

        public override void Flush() => output.Flush();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
