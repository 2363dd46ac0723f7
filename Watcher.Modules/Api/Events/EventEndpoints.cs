using MediatR;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Notifications;

namespace Watcher.Modules.Api.Events;

/// <summary>
/// GET /events — ours, outside Watcher's v1 API: the latest notifications Watcher emitted (audit, action_plan,
/// action and service events, upstream's envelope and payloads), for operators without a message bus.
/// Filters: type (an event type or a prefix such as "audit" or "action_plan.execution"), resource_uuid,
/// priority, after (a sequence number: only newer events) and limit (default 100).
/// </summary>
public static class EventEndpoints
{
    private const int DefaultLimit = 100;

    public static void MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/events", async (HttpContext http, IMediator m) =>
        {
            var query = http.Request.Query;
            Query.Allow(query, ["type", "resource_uuid", "priority", "after", "limit"]);
            var limit = DefaultLimit;
            if (Query.Get(query, "limit") is { } limitText && (!int.TryParse(limitText, out limit) || limit <= 0))
                throw new InvalidRequestException($"Invalid input for field/attribute limit. Value: '{limitText}'. Expected a positive integer");
            long? after = null;
            if (Query.Get(query, "after") is { } afterText)
            {
                if (!long.TryParse(afterText, out var parsed) || parsed < 0)
                    throw new InvalidRequestException($"Invalid input for field/attribute after. Value: '{afterText}'. Expected a sequence number");
                after = parsed;
            }
            var priority = Query.Get(query, "priority");
            if (priority is not null && priority.ToUpperInvariant() is not (NotificationPriority.Debug or NotificationPriority.Info
                    or NotificationPriority.Warning or NotificationPriority.Error or NotificationPriority.Critical))
                throw new InvalidRequestException($"Invalid priority '{priority}'. Acceptable values are DEBUG, INFO, WARNING, ERROR, CRITICAL");
            var request = new EventQuery(Query.Get(query, "type"), Query.Get(query, "resource_uuid"), priority, after, limit);
            return ApiResults.Json(await m.Send(new ListEvents(request)));
        }).WithTags("events (Watcher C#)").Policy("event:get_all");   // a token in keystone mode, as the resources themselves
    }
}
