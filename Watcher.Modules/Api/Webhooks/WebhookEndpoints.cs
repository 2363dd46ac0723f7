using System.Text.Json.Nodes;
using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Api.OpenApi;
using Doc = Watcher.Modules.Api.OpenApi;

namespace Watcher.Modules.Api.Webhooks;

public static class WebhookEndpoints
{
    public static void MapWebhooks(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/webhooks/{audit}", async (string audit, HttpContext http, IMediator m) =>
        {
            Query.Allow(http.Request.Query, []);
            await JsonBody.Read(http.Request);   // any (optional) JSON body is accepted and ignored
            await m.Send(new TriggerEventAudit(ApiContext.From(http), audit));
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }).WithTags("webhooks").Policy("webhook:trigger").Takes<JsonNode>(optional: true).Produces(StatusCodes.Status202Accepted);
    }
}
