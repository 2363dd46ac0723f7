using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Watcher.Modules.Shared.Json;

/// <summary>Serializer settings of the wire (snake_case, nulls written) and small JsonNode helpers.</summary>
public static class WatcherJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        // Plain quotes and apostrophes, as upstream writes them (the default encoder emits \u0022 for HTML safety;
        // these bodies are never embedded in HTML).
        options.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        return options;
    }

    public static JsonObject ParseObject(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new JsonObject() : JsonNode.Parse(json) as JsonObject ?? new JsonObject();

    public static JsonArray ParseArray(string? json) =>
        string.IsNullOrWhiteSpace(json) ? new JsonArray() : JsonNode.Parse(json) as JsonArray ?? new JsonArray();

    /// <summary>Deep copy of a node (JsonNode instances cannot have two parents).</summary>
    public static T? Clone<T>(this T? node) where T : JsonNode => node is null ? null : (T)JsonNode.Parse(node.ToJsonString())!;
}
