using System.Text.Json;
using System.Text.Json.Nodes;

namespace Watcher.Modules.ClusterModel.Notifications;

/// <summary>
/// One Nova versioned notification: event type, publisher ("nova-compute:host") and the payload object's
/// data and version, read from oslo.messaging's v2 envelope (<c>{"oslo.version": "2.0", "oslo.message": "..."}</c>).
/// </summary>
public sealed record NovaNotification(string EventType, string PublisherId, JsonObject Data, Version PayloadVersion)
{
    /// <summary>Null when the body is not a notification this module understands.</summary>
    public static NovaNotification? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var outer = JsonNode.Parse(body) as JsonObject;
            var message = outer?["oslo.message"] is JsonValue inner && inner.TryGetValue<string>(out var text)
                ? JsonNode.Parse(text) as JsonObject
                : outer;
            var eventType = message?["event_type"]?.GetValue<string>();
            var publisher = message?["publisher_id"]?.GetValue<string>() ?? "";
            var payload = message?["payload"] as JsonObject;
            if (eventType is null || payload?["nova_object.data"] is not JsonObject data) return null;
            var version = Version.TryParse(payload["nova_object.version"]?.GetValue<string>(), out var v) ? v : new Version(1, 0);
            return new NovaNotification(eventType, publisher, data, version);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
