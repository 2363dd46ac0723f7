using MediatR;
using Microsoft.Extensions.Logging;

namespace Watcher.Modules.Shared.Notifications;

/// <summary>Keeps every published notification in the <see cref="EventLog"/> and writes one log line for it.</summary>
public sealed partial class EventLogRecorder(EventLog log, ILogger<EventLogRecorder> logger) : INotificationHandler<WatcherNotification>
{
    public Task Handle(WatcherNotification notification, CancellationToken cancellationToken)
    {
        var logged = log.Append(notification);
        LogNotification(logged.Sequence, notification.EventType, notification.Priority,
            notification.ResourceUuid ?? notification.Payload.Data["name"]?.ToString() ?? "", notification.Payload.Data["state"]?.ToString());
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification #{Sequence} {EventType} ({Priority}) for {Subject}, state {State}")]
    private partial void LogNotification(long sequence, string eventType, string priority, string subject, string? state);
}
