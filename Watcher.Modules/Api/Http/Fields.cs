using System.Text.Json;
using System.Text.Json.Nodes;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// Typed reads of request-body attributes, as strict as upstream's WSME types: a value of the wrong JSON type is
/// 400 "Wrong type" (never coerced or dropped), names are refused when empty or holding control characters.
/// Lengths are the columns' (checked before every save, <c>Persistence/Configurations/ColumnLengths</c>).
/// </summary>
public static class Fields
{
    /// <summary>A string attribute; null when absent or JSON null.</summary>
    public static string? Text(JsonObject body, string field) => Text(field, body[field]);

    public static string? Text(string field, JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => throw WrongType(field, node, "str"),
    };

    /// <summary>WSME's bool: true/false, integers, and the unambiguous strings ("true", "0", "yes", ...).</summary>
    public static bool Bool(JsonObject body, string field, bool fallback) => Bool(field, body[field]) ?? fallback;

    public static bool? Bool(string field, JsonNode? node)
    {
        if (node is null) return null;
        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Number when v.TryGetValue<long>(out var n): return n != 0;
                case JsonValueKind.String:
                    var text = v.GetValue<string>().Trim().ToLowerInvariant();
                    if (text is "true" or "1" or "yes" or "y" or "on" or "t") return true;
                    if (text is "false" or "0" or "no" or "n" or "off" or "f") return false;
                    break;
            }
        }
        throw WrongType(field, node, "bool");
    }

    /// <summary>A JSON object attribute (parameters, default_parameters); null when absent.</summary>
    public static JsonObject? Object(string field, JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => o,
        _ => throw WrongType(field, node, "dict"),
    };

    /// <summary>A date-time given as an ISO 8601 string (a number is not a date).</summary>
    public static DateTime? Date(JsonObject body, string field) => Date(field, body[field]);

    public static DateTime? Date(string field, JsonNode? node) => node is null ? null : Wire.ParseDate(field, Text(field, node));

    /// <summary>
    /// A resource name: not empty or blank, no control characters (they break every table and log that shows it).
    /// </summary>
    public static string Name(string field, string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new InvalidRequestException($"Invalid input for field/attribute {field}. Value: '{name}'. A name must not be empty.");
        if (name.Any(char.IsControl))
            throw new InvalidRequestException(
                $"Invalid input for field/attribute {field}. Value: {JsonSerializer.Serialize(name)}. A name must not contain control characters.");
        return name;
    }

    public static InvalidRequestException WrongType(string field, JsonNode node, string expected) =>
        new($"Invalid input for field/attribute {field}. Value: '{ApiResults.Serialize(node)}'. " +
            $"Wrong type. Expected '{expected}', got '{PythonType(node)}'");

    /// <summary>The JSON value's type in the words WSME's messages use.</summary>
    private static string PythonType(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "str",
        JsonValueKind.Number => node.AsValue().TryGetValue<long>(out _) ? "int" : "float",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Array => "list",
        JsonValueKind.Object => "dict",
        _ => "NoneType",
    };
}
