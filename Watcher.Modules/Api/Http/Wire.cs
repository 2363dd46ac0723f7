using System.Globalization;
using System.Text.Json.Nodes;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>Wire formats shared by every resource: ISO-8601 times with +00:00, identifier shapes.</summary>
public static class Wire
{
    /// <summary>Python's isoformat of an aware UTC time: microseconds only when non-zero.</summary>
    public static JsonNode? Date(DateTime? value)
    {
        if (value is null) return null;
        var utc = DateTime.SpecifyKind(value.Value, DateTimeKind.Utc);
        var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss" : "yyyy-MM-dd'T'HH:mm:ss.ffffff";
        return JsonValue.Create(utc.ToString(format, CultureInfo.InvariantCulture) + "+00:00");
    }

    /// <summary>Parses an input time; a zone-less value is UTC. Result is UTC.</summary>
    public static DateTime ParseDate(string field, string? text)
    {
        if (text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            return parsed.UtcDateTime;
        throw new InvalidRequestException($"Invalid input for field/attribute {field}. Value: '{text}'. unable to convert to datetime");
    }

    public static bool IsInt(string ident) => ident.Length > 0 && ident.All(char.IsAsciiDigit) && int.TryParse(ident, out _);

    public static bool IsUuid(string ident) => Guid.TryParseExact(ident, "D", out _) || Guid.TryParseExact(ident, "N", out _);

    /// <summary>Stored UUIDs are lower-case dashed; accept any accepted spelling.</summary>
    public static string NormalizeUuid(string ident) => Guid.Parse(ident).ToString();

    /// <summary>
    /// A list filter naming a goal or strategy "by UUID or name": exactly one side is set; test the UUID when it
    /// is (<c>id.Uuid != null ? x.Uuid == id.Uuid : x.Name == id.Name</c>) — an optional relation's missing UUID
    /// would otherwise equal the null side.
    /// </summary>
    public static (string? Uuid, string? Name) UuidOrName(string ident) =>
        IsUuid(ident) ? (NormalizeUuid(ident), null) : (null, ident);

    public static string RequireUuid(string ident) =>
        IsUuid(ident) ? NormalizeUuid(ident) : throw new InvalidRequestException($"Expected a uuid but received {ident}");

    public static string? AsString(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
