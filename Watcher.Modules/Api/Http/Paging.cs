using System.Linq.Expressions;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// A collection's sort keys (every one has `id` and, with <see cref="WithTimestamps"/>, the three timestamps) and
/// how a `marker` names one of its rows (<see cref="Markers"/>).
/// </summary>
public sealed class SortFields<T> where T : Entity
{
    private readonly Dictionary<string, SortKey<T>> _keys = [];

    /// <param name="findMarker">The filter selecting the marker row (<see cref="Markers"/>).</param>
    /// <param name="parentsVisible">
    /// For rows with required parents (an action's plan, a plan's audit and strategy): "each parent is visible",
    /// written as <c>r => r.Parent.Uuid != null</c>. A row whose parent is soft-deleted is not listed (the join
    /// to the filtered parent drops it); stating it here makes that join part of the paged query, before the
    /// LIMIT — otherwise EF joins required parents after it and such rows would silently shorten a page.
    /// </param>
    public SortFields(Func<string, Expression<Func<T, bool>>?> findMarker, Expression<Func<T, bool>>? parentsVisible = null)
    {
        FindMarker = findMarker;
        ParentsVisible = parentsVisible;
        Key("id", r => r.Id);
    }

    /// <summary>The filter selecting the marker row, or null when the marker cannot name a row at all.</summary>
    public Func<string, Expression<Func<T, bool>>?> FindMarker { get; }

    public Expression<Func<T, bool>>? ParentsVisible { get; }

    public IReadOnlyDictionary<string, SortKey<T>> Keys => _keys;

    public SortFields<T> Key<TKey>(string name, Expression<Func<T, TKey>> key)
    {
        _keys[name] = SortKey<T>.Of(key);
        return this;
    }

    public SortFields<T> WithTimestamps() =>
        Key("created_at", r => r.CreatedAt).Key("updated_at", r => r.UpdatedAt).Key("deleted_at", r => r.DeletedAt);
}

public static class Markers
{
    /// <summary>UUID-addressed collections: any accepted spelling of the UUID (stored lower-case, dashed).</summary>
    public static Expression<Func<T, bool>>? ByUuid<T>(string marker) where T : UuidEntity
    {
        if (!Wire.IsUuid(marker)) return null;
        var uuid = Wire.NormalizeUuid(marker);
        return r => r.Uuid == uuid;
    }

    /// <summary>Services: the integer id.</summary>
    public static Expression<Func<T, bool>>? ById<T>(string marker) where T : Entity
    {
        if (!Wire.IsInt(marker)) return null;
        var id = int.Parse(marker, System.Globalization.CultureInfo.InvariantCulture);
        return r => r.Id == id;
    }
}

/// <summary>
/// One page of a list, in the database (shared decision 5: a global sort, also on computed fields such as goal_name,
/// done with SQL joins; ADR 24: keyset paging). The filtered query is ordered by (sort key, id), cut after the
/// marker row with a keyset condition and limited; only the page's rows are read, projected to what the view shows.
/// </summary>
public static class Paging
{
    /// <summary>`{"<collection>": [...], "next": "..."}`; `next` only when the page is full.</summary>
    public static JsonObject Respond<TRow>(ListQuery query, IReadOnlyList<TRow> page, Func<TRow, string> markerOf,
        Func<TRow, JsonObject> view)
    {
        var response = new JsonObject { [query.Collection] = new JsonArray(page.Select(r => (JsonNode)view(r)).ToArray()) };
        if (page.Count == query.Limit && page.Count > 0)
            response["next"] = query.NextLink(markerOf(page[^1]));
        return response;
    }

    /// <summary>The page's rows: one query for the marker row (when given), one for the page.</summary>
    public static async Task<List<TRow>> Page<T, TRow>(ListQuery query, IQueryable<T> rows, SortFields<T> sort,
        Expression<Func<T, TRow>> projection, Func<string, Exception> markerNotFound, CancellationToken ct) where T : Entity
    {
        if (!sort.Keys.TryGetValue(query.SortKey, out var key))
            throw new InvalidRequestException($"Invalid sort key: {query.SortKey}");
        var descending = query.SortDir == "desc";
        if (sort.ParentsVisible is { } parentsVisible) rows = rows.Where(parentsVisible);
        if (query.Marker is { } marker)
        {
            var find = sort.FindMarker(marker) ?? throw markerNotFound(marker);
            // The marker must be a row of this (filtered) list, as upstream answers 404 otherwise.
            rows = await key.After(rows, rows.Where(find), descending, ct) ?? throw markerNotFound(marker);
        }
        return await key.Order(rows, descending).Take(query.Limit).Select(projection).ToListAsync(ct);
    }
}
