using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Shared.Notifications;

namespace Watcher.Modules.Api.Events;

/// <summary>Reads the in-process event log (GET /events).</summary>
public sealed record ListEvents(EventQuery Query) : IRequest<JsonObject>;

public sealed class ListEventsHandler(EventLog log) : IRequestHandler<ListEvents, JsonObject>
{
    public Task<JsonObject> Handle(ListEvents request, CancellationToken cancellationToken)
    {
        var events = log.Read(request.Query);
        var list = new JsonArray();
        foreach (var e in events)
        {
            var item = e.Notification.ToEnvelope();
            item.Insert(0, "sequence", e.Sequence);
            list.Add(item);
        }
        return Task.FromResult(new JsonObject
        {
            ["events"] = list,
            // Poll with ?after=<last_sequence> to get only what is new.
            ["last_sequence"] = events.Count > 0 ? events[^1].Sequence : request.Query.After,
            ["capacity"] = log.Capacity,
        });
    }
}
