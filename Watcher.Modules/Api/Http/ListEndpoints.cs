using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.OpenApi;

namespace Watcher.Modules.Api.Http;

/// <summary>Every listable collection has a short form at "" and a full form at "/detail" (reference §2.1).</summary>
public static class ListEndpoints
{
    /// <param name="policy">The resource's policy prefix: lists are guarded by "<prefix>:get_all" and "<prefix>:detail".</param>
    public static void MapListAndDetail<TCollection>(this RouteGroupBuilder group, string collection, string policy,
        Func<ListQuery, IRequest<JsonObject>> request, params string[] filters)
    {
        string[] arguments = ["limit", "marker", "sort_key", "sort_dir", .. filters];
        group.MapGet("", (HttpContext http, IMediator m) => List(http, m, detail: false)).Policy($"{policy}:get_all")
            .Answers<TCollection>().WithQuery(arguments).WithSummary($"List {collection.Replace('_', ' ')} (short form)");
        group.MapGet("/detail", (HttpContext http, IMediator m) => List(http, m, detail: true)).Policy($"{policy}:detail")
            .Answers<TCollection>().WithQuery(arguments).WithSummary($"List {collection.Replace('_', ' ')} (detail form)");

        async Task<IResult> List(HttpContext http, IMediator m, bool detail) =>
            ApiResults.Json(await m.Send(request(ListQuery.From(http, collection, detail, filters))));
    }
}
