using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// A list request: page (limit, marker, sort) plus the resource's filters, checked against the declared
/// query arguments (reference §2.1). Filters are kept so the `next` link repeats them.
/// </summary>
public sealed record ListQuery(
    ApiContext Context, string Collection, bool Detail, int Limit, string? Marker, string SortKey, string SortDir,
    IReadOnlyDictionary<string, string> Filters)
{
    private static readonly string[] Paging = ["limit", "marker", "sort_key", "sort_dir"];

    public string? Filter(string name) => Filters.GetValueOrDefault(name);

    public static ListQuery From(HttpContext http, string collection, bool detail, params string[] filters)
    {
        var query = http.Request.Query;
        Query.Allow(query, [.. Paging, .. filters]);
        var maxLimit = http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxLimit;
        var limit = maxLimit;
        if (Query.Get(query, "limit") is { } text)
        {
            if (!int.TryParse(text, out limit))
                throw new InvalidRequestException($"Invalid input for field/attribute limit. Value: '{text}'. unable to convert to int");
            if (limit <= 0) throw new InvalidRequestException("Limit must be positive");
            limit = Math.Min(limit, maxLimit);
        }
        var sortDir = Query.Get(query, "sort_dir") ?? "asc";
        if (sortDir is not ("asc" or "desc"))
            throw new InvalidRequestException($"Invalid sort direction: {sortDir}. Acceptable values are 'asc' or 'desc'");
        var given = filters.Select(f => (f, v: Query.Get(query, f))).Where(x => x.v is not null)
            .ToDictionary(x => x.f, x => x.v!);
        return new ListQuery(ApiContext.From(http), collection, detail, limit, Query.Get(query, "marker"),
            Query.Get(query, "sort_key") ?? "id", sortDir, given);
    }

    /// <summary>`<host>/v1/<coll>[/detail]?<filters>&sort_key=..&sort_dir=..&limit=..&marker=..`.</summary>
    public string NextLink(string marker)
    {
        var args = Filters.Select(f => (f.Key, f.Value))
            .Concat([("sort_key", SortKey), ("sort_dir", SortDir), ("limit", Limit.ToString()), ("marker", marker)])
            .Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}");
        return $"{Context.HostUrl}/v1/{Collection}{(Detail ? "/detail" : "")}?{string.Join("&", args)}";
    }
}

public static class Query
{
    /// <summary>Unknown query arguments are a client error, as upstream's WSME signatures make them.</summary>
    public static void Allow(IQueryCollection query, IReadOnlyCollection<string> allowed)
    {
        foreach (var key in query.Keys)
            if (!allowed.Contains(key)) throw new InvalidRequestException($"Unknown argument: \"{key}\"");
    }

    public static string? Get(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && values.Count > 0 ? values[^1] : null;
}
