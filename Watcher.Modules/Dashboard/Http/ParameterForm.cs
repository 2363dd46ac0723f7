using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>
/// Strategy parameters between a form and the API: one field per schema property ("param.&lt;name&gt;"), blank
/// meaning "use the default". A value that does not read as its schema type is sent as the text typed, so the API's
/// schema check answers with its own message rather than the dashboard guessing.
/// </summary>
public static class ParameterForm
{
    private const string Prefix = "param.";

    public static string FieldName(string parameter) => Prefix + parameter;

    public static IReadOnlyList<KeyValuePair<string, JsonObject>> Properties(JsonObject? schema) =>
        (schema?["properties"] as JsonObject ?? [])
        .Where(p => p.Value is JsonObject).Select(p => KeyValuePair.Create(p.Key, (JsonObject)p.Value!)).ToList();

    public static IReadOnlySet<string> Required(JsonObject? schema) =>
        (schema?["required"] as JsonArray ?? []).OfType<JsonValue>().Select(v => v.ToString()).ToHashSet();

    /// <summary>The schema's type names without "null" ("string" when none is given).</summary>
    public static IReadOnlyList<string> Types(JsonObject spec)
    {
        var types = spec["type"] switch
        {
            JsonValue v when v.TryGetValue<string>(out var t) => [t],
            JsonArray a => a.OfType<JsonValue>().Select(x => x.ToString()).ToList(),
            _ => new List<string>(),
        };
        types.Remove("null");
        return types.Count == 0 ? ["string"] : types;
    }

    /// <summary>The raw text of each parameter field in a posted (or query-string) form.</summary>
    public static Dictionary<string, string> Values(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> fields) =>
        fields.Where(f => f.Key.StartsWith(Prefix, StringComparison.Ordinal))
            .ToDictionary(f => f.Key[Prefix.Length..], f => f.Value.ToString());

    /// <summary>The parameters object for the API: typed values for the schema's properties, blanks left out.</summary>
    public static JsonObject ToJson(IReadOnlyDictionary<string, string> values, JsonObject? schema)
    {
        var specs = Properties(schema).ToDictionary(p => p.Key, p => p.Value);
        var result = new JsonObject();
        foreach (var (name, raw) in values)
        {
            var text = raw.Trim();
            if (text.Length == 0) continue;
            result[name] = specs.TryGetValue(name, out var spec) ? Convert(text, Types(spec)) : JsonValue.Create(text);
        }
        return result;
    }

    private static JsonNode? Convert(string text, IReadOnlyList<string> types)
    {
        foreach (var type in types)
        {
            switch (type)
            {
                case "integer" when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i):
                    return JsonValue.Create(i);
                case "number" when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d):
                    return JsonValue.Create(d);
                case "boolean" when bool.TryParse(text, out var b):
                    return JsonValue.Create(b);
                case "array" or "object" when TryParse(text) is { } node && (type == "array" ? node is JsonArray : node is JsonObject):
                    return node;
                case "string":
                    return JsonValue.Create(text);
            }
        }
        return JsonValue.Create(text);
    }

    private static JsonNode? TryParse(string text)
    {
        try { return JsonNode.Parse(text); }
        catch (JsonException) { return null; }
    }
}
