using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Doc = Watcher.Modules.Api.OpenApi;

namespace Watcher.Modules.Api.AuditTemplates;

public static class AuditTemplateEndpoints
{
    private static readonly string[] Filters = ["goal", "strategy"];

    public static void MapAuditTemplates(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/audit_templates").WithTags("audit_templates");
        group.MapListAndDetail<Doc.AuditTemplateCollection>("audit_templates", "audit_template", q => new ListAuditTemplates(q), Filters);
        group.MapGet("/{template}", async (string template, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            return ApiResults.Json(await m.Send(new GetAuditTemplate(ApiContext.From(http), template)));
        }).Policy("audit_template:get").Answers<Doc.AuditTemplate>();
        group.MapPost("", async (HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            var context = ApiContext.From(http);
            var body = await JsonBody.ReadObject(http.Request, "audit_template");
            var created = await m.Send(new CreateAuditTemplate(context, body));
            return ApiResults.Created(created, $"{context.AppUrl}/v1/audit_templates/{created["uuid"]}");
        }).Policy("audit_template:create").Takes<Doc.AuditTemplateCreate>().Answers<Doc.AuditTemplate>(StatusCodes.Status201Created);
        group.MapMethods("/{template}", ["PATCH"], async (string template, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            var (ops, text) = await JsonPatch.Read(http.Request);
            return ApiResults.Json(await m.Send(new UpdateAuditTemplate(ApiContext.From(http), template, ops, text)));
        }).Policy("audit_template:update").Takes<Doc.PatchOperation[]>().Answers<Doc.AuditTemplate>();
        group.MapDelete("/{template}", async (string template, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            await m.Send(new DeleteAuditTemplate(ApiContext.From(http), template));
            return Results.NoContent();
        }).Policy("audit_template:delete").Produces(StatusCodes.Status204NoContent);
    }
}
