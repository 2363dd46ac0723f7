using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Watcher.Modules.Decision.Scoring;

/// <summary>The JSON in and out of the sample scorers: a flat array of numbers.</summary>
internal static class ScoringInput
{
    /// <summary>One feature: its value, and whether JSON wrote it as an integer (Python then keeps an int).</summary>
    public readonly record struct Number(double Value, bool IsInteger)
    {
        public override string ToString() =>
            IsInteger ? Value.ToString("R", CultureInfo.InvariantCulture) : PythonFloat(Value);
    }

    public static IReadOnlyList<Number> Numbers(string features)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(features);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"Unable to parse features: {e.Message}");
        }
        if (parsed is not JsonArray array) throw new ArgumentException("JSON list expected in feature argument");
        return array.Select(item => item is JsonValue v && v.GetValueKind() == JsonValueKind.Number
                ? new Number(double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture), v.ToJsonString().IndexOfAny(['.', 'e', 'E']) < 0)
                : throw new ArgumentException("Every feature must be a number"))
            .ToList();
    }

    /// <summary>A JSON array as Python's json.dumps writes it: ", " between items, floats always with a fraction.</summary>
    public static string Write(IEnumerable<Number> values) => "[" + string.Join(", ", values) + "]";

    public static string PythonFloat(double value)
    {
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.Contains('.') || text.Contains('E') || text.Contains("Infinity") || text.Contains("NaN") ? text : text + ".0";
    }
}
