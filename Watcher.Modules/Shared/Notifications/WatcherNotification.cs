using System.Globalization;
using System.Text.Json.Nodes;
using MediatR;

namespace Watcher.Modules.Shared.Notifications;

/// <summary>
/// One of upstream's versioned notifications (reference §12), published in-process. Its parts are exactly the
/// oslo.messaging notification envelope — event_type, priority, publisher_id, message_id, timestamp and the
/// versioned payload — so a bus publisher only has to serialise <see cref="ToEnvelope"/>.
/// </summary>
public sealed record WatcherNotification(
    string EventType,
    string Priority,
    string PublisherId,
    VersionedPayload Payload,
    DateTime Timestamp,
    string MessageId) : INotification
{
    /// <summary>"audit", "action_plan", "action" or "service": the first part of the event type.</summary>
    public string ObjectType => EventType.Split('.')[0];

    /// <summary>UUID of the audit, action plan or action the event is about (null for services).</summary>
    public string? ResourceUuid => Payload.Data["uuid"]?.GetValue<string>();

    /// <summary>The message as oslo.messaging sends it (the "oslo.message" body).</summary>
    public JsonObject ToEnvelope() => new()
    {
        ["message_id"] = MessageId,
        ["publisher_id"] = PublisherId,
        ["event_type"] = EventType,
        ["priority"] = Priority,
        ["payload"] = Payload.ToPrimitive(),
        // oslo writes str(utcnow()): "2016-10-18 09:52:05.219414"
        ["timestamp"] = Timestamp.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture),
    };
}

/// <summary>Notification priorities, as oslo names them.</summary>
public static class NotificationPriority
{
    public const string Debug = "DEBUG", Info = "INFO", Warning = "WARNING", Error = "ERROR", Critical = "CRITICAL";

    /// <summary>Order of severity, for [DEFAULT] notification_level.</summary>
    public static int Rank(string priority) => priority.ToUpperInvariant() switch
    {
        Debug => 0,
        Info => 1,
        Warning => 2,
        Error => 3,
        Critical => 4,
        _ => 1,
    };
}

/// <summary>
/// Upstream's versioned payload object: name, version and fields; nested payloads are themselves versioned
/// objects inside <see cref="Data"/>. <see cref="ToPrimitive"/> gives oslo.versionedobjects' wire form.
/// </summary>
public sealed record VersionedPayload(string Name, string Version, JsonObject Data)
{
    public const string Namespace = "watcher";

    public JsonObject ToPrimitive() => new()
    {
        ["watcher_object.name"] = Name,
        ["watcher_object.namespace"] = Namespace,
        ["watcher_object.version"] = Version,
        ["watcher_object.data"] = Data.DeepClone(),
    };
}
