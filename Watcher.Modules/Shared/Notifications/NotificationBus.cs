using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using MediatR;
using Microsoft.Extensions.Options;
using Watcher.Modules.Shared.Messaging;

namespace Watcher.Modules.Shared.Notifications;

/// <summary>
/// The events waiting for the message bus: a bounded queue between the in-process notification (which must never
/// wait on a broker) and <see cref="NotificationBusPublisher"/>. When the broker is away longer than the buffer
/// lasts, the oldest events are dropped and counted.
/// </summary>
public sealed class NotificationBus
{
    private readonly Channel<WatcherNotification> _queue;
    private long _dropped;

    public NotificationBus(IOptions<BusOptions> bus, IOptions<MessagingOptions> messaging, IOptions<NotificationOptions> notifications)
    {
        TransportUrl = string.IsNullOrWhiteSpace(bus.Value.TransportUrl) ? messaging.Value.TransportUrl : bus.Value.TransportUrl;
        Enabled = !string.IsNullOrWhiteSpace(TransportUrl) && !string.IsNullOrWhiteSpace(notifications.Value.Level)
            && bus.Value.EffectiveTopics.Count > 0;
        _queue = Channel.CreateBounded<WatcherNotification>(
            new BoundedChannelOptions(Math.Max(1, bus.Value.BufferCapacity))
            {
                FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true,
            },
            _ => Interlocked.Increment(ref _dropped));
    }

    /// <summary>True when a transport URL is set, notifications are on and a topic is named.</summary>
    public bool Enabled { get; }

    public string? TransportUrl { get; }

    public ChannelReader<WatcherNotification> Pending => _queue.Reader;

    /// <summary>Events dropped since the last call (the buffer was full).</summary>
    public long TakeDroppedCount() => Interlocked.Exchange(ref _dropped, 0);

    public void Enqueue(WatcherNotification notification)
    {
        if (Enabled) _queue.Writer.TryWrite(notification);
    }

    /// <summary>
    /// The AMQP body oslo.messaging's <c>messagingv2</c> driver sends: the envelope serialised as a string inside
    /// <c>{"oslo.version": "2.0", "oslo.message": …}</c>, with the driver's <c>_unique_id</c>.
    /// </summary>
    public static byte[] OsloMessage(WatcherNotification notification)
    {
        var message = notification.ToEnvelope();
        message["_unique_id"] = Guid.NewGuid().ToString("N");
        var body = new JsonObject { ["oslo.version"] = "2.0", ["oslo.message"] = message.ToJsonString() };
        return Encoding.UTF8.GetBytes(body.ToJsonString());
    }

    /// <summary>oslo's routing key: "&lt;topic&gt;.&lt;priority in lower case&gt;".</summary>
    public static string RoutingKey(string topic, string priority) => $"{topic}.{priority.ToLowerInvariant()}";
}

/// <summary>Hands every published notification to the bus queue (nothing when the bus is off).</summary>
public sealed class NotificationBusForwarder(NotificationBus bus) : INotificationHandler<WatcherNotification>
{
    public Task Handle(WatcherNotification notification, CancellationToken cancellationToken)
    {
        bus.Enqueue(notification);
        return Task.CompletedTask;
    }
}
