using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;

namespace Watcher.Modules.Api.Http;

/// <summary>Every listable collection has a short form at "" and a full form at "/detail" (reference §2.1).</summary>
public static class ListEndpoints
{
    /// <param name="policy">The resource's policy prefix: lists are guarded by "<prefix>:get_all" and "<prefix>:detail".</param>
    public static void MapListAndDetail(this RouteGroupBuilder group, string collection, string policy,
        Func<ListQuery, IRequest<JsonObject>> request, params string[] filters)
    {
        group.MapGet("", (HttpContext http, IMediator m) => List(http, m, detail: false)).Policy($"{policy}:get_all");
        group.MapGet("/detail", (HttpContext http, IMediator m) => List(http, m, detail: true)).Policy($"{policy}:detail");

        async Task<IResult> List(HttpContext http, IMediator m, bool detail) =>
            ApiResults.Json(await m.Send(request(ListQuery.From(http, collection, detail, filters))));
    }
}
