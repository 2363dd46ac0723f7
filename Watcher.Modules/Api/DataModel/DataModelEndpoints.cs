using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Doc = Watcher.Modules.Api.OpenApi;

namespace Watcher.Modules.Api.DataModel;

public static class DataModelEndpoints
{
    public static void MapDataModel(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/data_model", async (HttpContext http, IMediator m) =>
        {
            var query = http.Request.Query;
            Query.Allow(query, ["data_model_type", "audit_uuid"]);
            var request = new GetDataModel(ApiContext.From(http), Query.Get(query, "data_model_type") ?? "compute",
                Query.Get(query, "audit_uuid"));
            return ApiResults.Json(await m.Send(request));
        }).WithTags("data_model").Policy("data_model:get_all").Answers<Doc.DataModel>().WithQuery("data_model_type", "audit_uuid");
    }
}
