using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Http;
using Watcher.Modules.Api.Http;

namespace Watcher.Modules.Dashboard.Http;

/// <summary>
/// How the dashboard calls the API's use cases: the very MediatR requests the /v1 endpoints send, at the highest
/// microversion (every field, status messages included), so each rule is written once, in the API's handlers.
/// </summary>
public static class UiRequests
{
    public const int PageSize = 20;

    public static ApiContext Context(HttpContext http)
    {
        var host = $"{http.Request.Scheme}://{http.Request.Host}";
        return new ApiContext(ApiVersion.Max, ShowDeleted: false, host, host + http.Request.PathBase);
    }

    /// <summary>One page of a collection, newest first unless told; <c>next</c> is the marker of the following page.</summary>
    public static async Task<ListPage> ListAsync(this IMediator mediator, HttpContext http, string collection,
        Func<ListQuery, IRequest<JsonObject>> request, IReadOnlyDictionary<string, string> filters,
        int limit = PageSize, string? marker = null, string sortKey = "created_at", string sortDir = "desc")
    {
        var query = new ListQuery(Context(http), collection, Detail: true, limit, marker, sortKey, sortDir, filters);
        var answer = await mediator.Send(request(query), http.RequestAborted);
        var items = answer[collection]!.AsArray().Select(i => i!.AsObject()).ToList();
        var next = answer.ContainsKey("next") && items.Count > 0 ? items[^1].Text("uuid") ?? items[^1].Text("id") : null;
        return new ListPage(items, next);
    }

    /// <summary>Every item of a small collection (goals, strategies, services).</summary>
    public static async Task<IReadOnlyList<JsonObject>> AllAsync(this IMediator mediator, HttpContext http, string collection,
        Func<ListQuery, IRequest<JsonObject>> request, IReadOnlyDictionary<string, string>? filters = null) =>
        (await mediator.ListAsync(http, collection, request, filters ?? NoFilters, limit: int.MaxValue, sortKey: "id", sortDir: "asc")).Items;

    public static readonly IReadOnlyDictionary<string, string> NoFilters = new Dictionary<string, string>();

    /// <summary>The filters named in the page's query string that the collection knows, without blanks.</summary>
    public static Dictionary<string, string> Filters(HttpContext http, params string[] names) =>
        names.Select(n => (n, v: http.Request.Query[n].ToString().Trim())).Where(x => x.v.Length > 0).ToDictionary(x => x.n, x => x.v);

    /// <summary>A one-operation JSON patch, as the API's PATCH endpoints receive it.</summary>
    public static IReadOnlyList<PatchOp> Replace(string path, JsonNode? value) => [new PatchOp("replace", path, value, true)];

    public static string PatchText(IReadOnlyList<PatchOp> ops) =>
        new JsonArray(ops.Select(o => (JsonNode)new JsonObject { ["op"] = o.Op, ["path"] = o.Path, ["value"] = o.Value?.DeepClone() }).ToArray()).ToJsonString();
}

/// <summary>A page of items and the marker of the next page (null on the last one).</summary>
public sealed record ListPage(IReadOnlyList<JsonObject> Items, string? Next);
