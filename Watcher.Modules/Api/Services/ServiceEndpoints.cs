using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Doc = Watcher.Modules.Api.OpenApi;

namespace Watcher.Modules.Api.Services;

public static class ServiceEndpoints
{
    public static void MapServices(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/services").WithTags("services");
        group.MapListAndDetail<Doc.ServiceCollection>("services", "service", q => new ListServices(q));
        group.MapGet("/{service}", async (string service, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            return ApiResults.Json(await m.Send(new GetService(ApiContext.From(http), service)));
        }).Policy("service:get").Answers<Doc.Service>();
    }
}
