using System.Text.Json.Nodes;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// Sorting, marker and limit over the whole filtered set (decision 5: global sort, also on computed fields such
/// as goal_name). Watcher's tables are small, so the filtered rows are sorted in memory by (key, id).
/// </summary>
public sealed class SortFields<T>(Func<T, int> id, Func<T, string> marker, IReadOnlyDictionary<string, Func<T, object?>> fields)
{
    public Func<T, int> Id { get; } = id;
    public Func<T, string> Marker { get; } = marker;
    public IReadOnlyDictionary<string, Func<T, object?>> Fields { get; } = fields;
}

public static class Paging
{
    public static JsonObject Respond<T>(ListQuery query, IEnumerable<T> rows, SortFields<T> sort,
        Func<T, JsonObject> view, Func<string, Exception> markerNotFound)
    {
        if (!sort.Fields.TryGetValue(query.SortKey, out var key))
            throw new InvalidRequestException($"Invalid sort key: {query.SortKey}");

        var ordered = (query.SortDir == "desc"
            ? rows.OrderByDescending(key, ValueComparer.Instance).ThenByDescending(sort.Id)
            : rows.OrderBy(key, ValueComparer.Instance).ThenBy(sort.Id)).ToList();

        var start = 0;
        if (query.Marker is { } marker)
        {
            var index = ordered.FindIndex(r => string.Equals(sort.Marker(r), marker, StringComparison.OrdinalIgnoreCase));
            if (index < 0) throw markerNotFound(marker);
            start = index + 1;
        }
        var page = ordered.Skip(start).Take(query.Limit).ToList();

        var response = new JsonObject { [query.Collection] = new JsonArray(page.Select(r => (JsonNode)view(r)).ToArray()) };
        if (page.Count == query.Limit && page.Count > 0)
            response["next"] = query.NextLink(sort.Marker(page[^1]));
        return response;
    }

    /// <summary>Nulls first, then natural order of numbers, booleans, times and strings (ordinal).</summary>
    private sealed class ValueComparer : IComparer<object?>
    {
        public static readonly ValueComparer Instance = new();

        public int Compare(object? x, object? y)
        {
            if (x is null || y is null) return x is null ? (y is null ? 0 : -1) : 1;
            if (x is string sx && y is string sy) return string.CompareOrdinal(sx, sy);
            if (x is IComparable cx && x.GetType() == y.GetType()) return cx.CompareTo(y);
            return string.CompareOrdinal(x.ToString(), y.ToString());
        }
    }
}
