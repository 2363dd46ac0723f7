using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.AuditTemplates;
using Watcher.Modules.Dashboard.Http;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Dashboard.Pages;

/// <summary>/ui/audit_templates: list, detail, create, delete.</summary>
public static class AuditTemplateEndpoints
{
    private static readonly string[] Filters = ["goal", "strategy"];

    public static void MapAuditTemplatePages(this RouteGroupBuilder ui)
    {
        ui.MapGet("/audit_templates", async (HttpContext http, IMediator m) =>
        {
            var filters = UiRequests.Filters(http, Filters);
            var marker = http.Request.Query["marker"].FirstOrDefault();
            var page = await m.ListAsync(http, "audit_templates", q => new ListAuditTemplates(q), filters, marker: marker);
            return UiResults.Page<AuditTemplatesPage>(new ListModel(page, filters, marker,
                await CatalogEndpoints.Goals(m, http), await CatalogEndpoints.Strategies(m, http)));
        });

        ui.MapGet("/audit_templates/new", async (HttpContext http, IMediator m) =>
            UiResults.Page<AuditFormPage>(await AuditForms.LoadAsync(m, http, true, AuditForms.Read(http.Request.Query))));

        ui.MapPost("/audit_templates", async (HttpContext http, IMediator m) =>
        {
            var values = AuditForms.Read(await Csrf.ReadFormAsync(http));
            var form = await AuditForms.LoadAsync(m, http, true, values);
            try
            {
                var created = await m.Send(new CreateAuditTemplate(UiRequests.Context(http), AuditForms.TemplateBody(values, form.Strategy)),
                    http.RequestAborted);
                return UiResults.SeeOther($"/ui/audit_templates/{created.Text("uuid")}");
            }
            catch (WatcherException e)
            {
                return UiResults.Page<AuditFormPage>(form with { Error = e.Message }, e.StatusCode);
            }
        });

        ui.MapGet("/audit_templates/{template}", async (string template, HttpContext http, IMediator m) =>
            UiResults.Page<AuditTemplatePage>(new AuditTemplateModel(
                await m.Send(new GetAuditTemplate(UiRequests.Context(http), template), http.RequestAborted))));

        ui.MapPost("/audit_templates/{template}/delete", async (string template, HttpContext http, IMediator m) =>
        {
            await Csrf.ReadFormAsync(http);
            await m.Send(new DeleteAuditTemplate(UiRequests.Context(http), template), http.RequestAborted);
            return UiResults.SeeOther("/ui/audit_templates");
        });
    }
}
