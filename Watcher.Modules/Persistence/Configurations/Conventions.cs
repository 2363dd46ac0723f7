using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Watcher.Modules.Persistence.Configurations;

/// <summary>SQLite returns DateTime with Kind=Unspecified; every stored time is UTC, so say so on read.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

public sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
    v => v == null ? v : v.Value.Kind == DateTimeKind.Utc ? v : v.Value.ToUniversalTime(),
    v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));

/// <summary>JSON columns are stored as text (reference §3.1); compared by their serialized form.</summary>
public static class JsonColumns
{
    /// <summary>Maps a JsonObject/JsonArray property (nullable or not) to a text column.</summary>
    public static PropertyBuilder<T> IsJson<T>(this PropertyBuilder<T> property) where T : JsonNode? =>
        property.HasConversion(
            v => v == null ? null! : v.ToJsonString(),
            s => (T)JsonNode.Parse(s, null, default)!,
            new ValueComparer<T>(
                (a, b) => Same(a, b),
                v => v == null ? 0 : v.ToJsonString().GetHashCode(),
                v => v == null ? v : (T)JsonNode.Parse(v.ToJsonString(), null, default)!));

    private static bool Same(JsonNode? a, JsonNode? b) => (a == null ? null : a.ToJsonString()) == (b == null ? null : b.ToJsonString());
}
