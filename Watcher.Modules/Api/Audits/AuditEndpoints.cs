using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Doc = Watcher.Modules.Api.OpenApi;

namespace Watcher.Modules.Api.Audits;

public static class AuditEndpoints
{
    private static readonly string[] Filters = ["goal", "strategy"];

    public static void MapAudits(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/audits").WithTags("audits");
        group.MapListAndDetail<Doc.AuditCollection>("audits", "audit", q => new ListAudits(q), Filters);
        group.MapGet("/{audit}", async (string audit, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            return ApiResults.Json(await m.Send(new GetAudit(ApiContext.From(http), audit)));
        }).Policy("audit:get").Answers<Doc.Audit>();
        group.MapPost("", async (HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            var context = ApiContext.From(http);
            var created = await m.Send(new CreateAudit(context, await JsonBody.ReadObject(http.Request, "audit")));
            return ApiResults.Created(created, $"{context.AppUrl}/v1/audits/{created["uuid"]}");
        }).Policy("audit:create").Takes<Doc.AuditCreate>().Answers<Doc.Audit>(StatusCodes.Status201Created);
        group.MapMethods("/{audit}", ["PATCH"], async (string audit, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            var (ops, text) = await JsonPatch.Read(http.Request);
            return ApiResults.Json(await m.Send(new UpdateAudit(ApiContext.From(http), audit, ops, text)));
        }).Policy("audit:update").Takes<Doc.PatchOperation[]>().Answers<Doc.Audit>();
        group.MapDelete("/{audit}", async (string audit, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            await m.Send(new DeleteAudit(ApiContext.From(http), audit));
            return Results.NoContent();
        }).Policy("audit:delete").Produces(StatusCodes.Status204NoContent);
    }
}
