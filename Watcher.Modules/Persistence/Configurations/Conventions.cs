using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Watcher.Modules.Persistence.Configurations;

/// <summary>
/// Every stored time is UTC, kept to the microsecond. SQLite returns Kind=Unspecified, so say UTC on read;
/// PostgreSQL's timestamptz needs Kind=Utc on write and holds microseconds, so both providers store the same
/// value (the wire shows microseconds too).
/// </summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => UtcTimes.ToStored(v),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

public sealed class NullableUtcDateTimeConverter() : ValueConverter<DateTime?, DateTime?>(
    v => v == null ? v : UtcTimes.ToStored(v.Value),
    v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));

public static class UtcTimes
{
    public static DateTime ToStored(DateTime value)
    {
        var utc = value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime();
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }

    /// <summary>
    /// Before a save, the entities' times become what the database will hold, so the object in memory and the row
    /// read back later compare equal (a job comparing a time it was given with the stored one, say).
    /// </summary>
    public static void AsStored(Microsoft.EntityFrameworkCore.ChangeTracking.ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (Microsoft.EntityFrameworkCore.EntityState.Added or Microsoft.EntityFrameworkCore.EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
                if (property.CurrentValue is DateTime time && ToStored(time) != time) property.CurrentValue = ToStored(time);
        }
    }
}

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
