using System.Text.Json;
using System.Text.Json.Nodes;

namespace Watcher.Modules.ClusterModel.Notifications;

/// <summary>
/// One Cinder notification (legacy, unversioned): event type, publisher ("volume.host@backend" or
/// "capacity.host@backend#pool") and the plain payload object, from oslo.messaging's v2 envelope or a bare message.
/// </summary>
public sealed record CinderNotification(string EventType, string PublisherId, JsonObject Payload)
{
    /// <summary>Null when the body is not a notification with a plain payload object.</summary>
    public static CinderNotification? Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            var outer = JsonNode.Parse(body) as JsonObject;
            var message = outer?["oslo.message"] is JsonValue inner && inner.TryGetValue<string>(out var text)
                ? JsonNode.Parse(text) as JsonObject
                : outer;
            var eventType = message?["event_type"]?.GetValue<string>();
            var publisher = message?["publisher_id"]?.GetValue<string>() ?? "";
            if (eventType is null || message?["payload"] is not JsonObject payload) return null;
            return new CinderNotification(eventType, publisher, payload);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
