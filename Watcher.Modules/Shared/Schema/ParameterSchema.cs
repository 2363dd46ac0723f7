using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Watcher.Modules.Shared.Schema;

/// <summary>What went wrong when a document was checked against a schema.</summary>
public sealed class SchemaViolationException(string message, string? unknownProperty = null) : Exception(message)
{
    /// <summary>Set when the violation is a key not declared under "properties" (upstream's "not allowed" error).</summary>
    public string? UnknownProperty { get; } = unknownProperty;
}

/// <summary>
/// The JSON-schema (draft 4) subset Watcher's parameter and action schemas use, validated the way upstream's
/// "strict + defaults" validator does: keys not declared under a "properties" object are rejected, and every
/// declared property with a "default" that is absent is filled in. No schema package is served on our feed,
/// hence this small validator.
/// </summary>
public static class ParameterSchema
{
    /// <summary>Validates <paramref name="instance"/> in place, inserting defaults. Throws <see cref="SchemaViolationException"/>.</summary>
    public static void ValidateAndApplyDefaults(JsonObject schema, JsonNode? instance, bool strict = true) =>
        Check(schema, instance, "", strict, applyDefaults: true);

    /// <summary>Validates without touching the instance.</summary>
    public static void Validate(JsonObject schema, JsonNode? instance, bool strict = true) =>
        Check(schema, instance, "", strict, applyDefaults: false);

    private static void Check(JsonObject schema, JsonNode? node, string path, bool strict, bool applyDefaults)
    {
        if (schema["type"] is { } type && !MatchesType(type, node))
            throw new SchemaViolationException($"{Show(node)} is not of type {ShowTypes(type)}{At(path)}");

        if (schema["enum"] is JsonArray choices && !choices.Any(c => JsonNode.DeepEquals(c, node)))
            throw new SchemaViolationException($"{Show(node)} is not one of {choices.ToJsonString()}{At(path)}");

        if (node is JsonValue value && TryNumber(value, out var number))
            CheckNumber(schema, number, node, path);

        if (node is JsonValue sv && sv.TryGetValue<string>(out var text))
            CheckString(schema, text, path);

        if (node is JsonObject obj)
            CheckObject(schema, obj, path, strict, applyDefaults);

        if (node is JsonArray array && schema["items"] is JsonObject itemSchema)
        {
            if (schema["minItems"] is JsonValue min && array.Count < AsInt(min))
                throw new SchemaViolationException($"{Show(node)} is too short{At(path)}");
            for (var i = 0; i < array.Count; i++)
                Check(itemSchema, array[i], $"{path}/{i}", strict, applyDefaults);
        }
    }

    private static void CheckObject(JsonObject schema, JsonObject obj, string path, bool strict, bool applyDefaults)
    {
        var properties = schema["properties"] as JsonObject;
        if (schema["required"] is JsonArray required)
        {
            foreach (var name in required.Select(r => r!.GetValue<string>()))
                if (!obj.ContainsKey(name) && properties?[name]?["default"] is null)
                    throw new SchemaViolationException($"'{name}' is a required property{At(path)}");
        }
        // Upstream's strict check runs once per declared property, so an empty "properties" (the actuator's free-form
        // input_parameters) accepts any key; only an explicit additionalProperties: false closes it.
        if (properties is null || properties.Count == 0)
        {
            if (schema["additionalProperties"] is JsonValue ap && ap.GetValue<bool>() == false && obj.Count > 0)
                throw new SchemaViolationException($"Additional properties are not allowed ('{obj.First().Key}' was unexpected){At(path)}", obj.First().Key);
            return;
        }
        foreach (var (key, child) in obj.ToList())
        {
            if (properties[key] is JsonObject childSchema)
                Check(childSchema, child, $"{path}/{key}", strict, applyDefaults);
            else if (strict || schema["additionalProperties"] is JsonValue ap && !ap.GetValue<bool>())
                throw new SchemaViolationException($"Additional properties are not allowed ('{key}' was unexpected){At(path)}", key);
        }
        if (!applyDefaults) return;
        foreach (var (key, childSchema) in properties)
        {
            if (obj.ContainsKey(key) || childSchema?["default"] is not { } dflt) continue;
            var copy = JsonNode.Parse(dflt.ToJsonString());
            if (copy is JsonObject nested && childSchema is JsonObject cs)
                Check(cs, nested, $"{path}/{key}", strict, applyDefaults);
            obj[key] = copy;
        }
    }

    private static void CheckNumber(JsonObject schema, double number, JsonNode? node, string path)
    {
        var exclusiveMin = schema["exclusiveMinimum"] is JsonValue em && em.GetValue<bool>();
        var exclusiveMax = schema["exclusiveMaximum"] is JsonValue eM && eM.GetValue<bool>();
        if (schema["minimum"] is JsonValue min && TryNumber(min, out var lo) && (number < lo || exclusiveMin && number == lo))
            throw new SchemaViolationException($"{Show(node)} is less than {(exclusiveMin ? "or equal to " : "")}the minimum of {Fmt(lo)}{At(path)}");
        if (schema["maximum"] is JsonValue max && TryNumber(max, out var hi) && (number > hi || exclusiveMax && number == hi))
            throw new SchemaViolationException($"{Show(node)} is greater than {(exclusiveMax ? "or equal to " : "")}the maximum of {Fmt(hi)}{At(path)}");
    }

    private static void CheckString(JsonObject schema, string text, string path)
    {
        if (schema["minLength"] is JsonValue min && text.Length < AsInt(min))
            throw new SchemaViolationException($"'{text}' is too short{At(path)}");
        if (schema["maxLength"] is JsonValue max && text.Length > AsInt(max))
            throw new SchemaViolationException($"'{text}' is too long{At(path)}");
        if (schema["pattern"] is JsonValue pattern && !Regex.IsMatch(text, pattern.GetValue<string>()))
            throw new SchemaViolationException($"'{text}' does not match '{pattern.GetValue<string>()}'{At(path)}");
    }

    private static bool MatchesType(JsonNode type, JsonNode? node) => type switch
    {
        JsonArray many => many.Any(t => t is not null && MatchesType(t, node)),
        JsonValue one => one.GetValue<string>() switch
        {
            "null" => node is null,
            "object" => node is JsonObject,
            "array" => node is JsonArray,
            "string" => node is JsonValue v && v.GetValueKind() == JsonValueKind.String,
            "boolean" => node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "number" => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number,
            "integer" => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && TryNumber(v, out var d) && d == Math.Floor(d),
            _ => true,
        },
        _ => true,
    };

    private static bool TryNumber(JsonValue value, out double number)
    {
        number = 0;
        if (value.GetValueKind() != JsonValueKind.Number) return false;
        number = AsDouble(value);
        return true;
    }

    /// <summary>
    /// A JSON number as double, whether it was parsed from text or built in code from an int/long/decimal
    /// (JsonValue.GetValue&lt;double&gt; refuses the latter).
    /// </summary>
    private static double AsDouble(JsonValue value) =>
        value.TryGetValue<double>(out var d) ? d
        : value.TryGetValue<int>(out var i) ? i
        : value.TryGetValue<long>(out var l) ? l
        : value.TryGetValue<decimal>(out var m) ? (double)m
        : value.TryGetValue<float>(out var f) ? f
        : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture);

    private static int AsInt(JsonNode node) => (int)AsDouble((JsonValue)node);

    private static string Show(JsonNode? node) => node switch
    {
        null => "None",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"'{v.GetValue<string>()}'",
        _ => node.ToJsonString(),
    };

    private static string ShowTypes(JsonNode type) =>
        type is JsonArray many ? string.Join(", ", many.Select(t => $"'{t}'")) : $"'{type}'";

    private static string Fmt(double d) => d.ToString(CultureInfo.InvariantCulture);

    private static string At(string path) => path.Length == 0 ? "" : $" (at {path})";
}
