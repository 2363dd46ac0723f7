using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>Reading the API's JSON views in pages: absent or null fields read as null, never throw.</summary>
public static class JsonText
{
    public static string? Text(this JsonObject o, string name) => o[name] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v => v.ToJsonString(),
        null => null,
        var other => other.ToJsonString(),
    };

    public static double? Number(this JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<double>() : null;

    public static bool Flag(this JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public static JsonArray Array(this JsonObject o, string name) => o[name] as JsonArray ?? [];

    public static JsonObject Object(this JsonObject o, string name) => o[name] as JsonObject ?? [];

    /// <summary>Indented JSON for a &lt;pre&gt; block.</summary>
    public static string Pretty(JsonNode? node) =>
        node is null ? "null" : node.ToJsonString(new JsonSerializerOptions { WriteIndented = true });

    /// <summary>"2026-08-21T10:00:00+00:00" → "2026-08-21 10:00:00 UTC".</summary>
    public static string When(string? iso) =>
        iso is not null && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
            : "—";

    public static string Number(double value, int decimals = 0) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);
}
