using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Watcher.Modules.Shared.Messaging;

namespace Watcher.Modules.Shared.Notifications;

/// <summary>
/// Publishes our notifications on RabbitMQ as oslo.messaging's <c>messagingv2</c> notifier does (reference §12):
/// to the topic exchange <c>Watcher:Notifications:Bus:Exchange</c> ("watcher", upstream's control_exchange), routing
/// key "&lt;topic&gt;.&lt;priority&gt;" per topic (default "watcher_notifications.info"), declaring — as oslo does — a queue
/// of that name bound to it, so events wait there for a consumer that starts later. Each event is confirmed by the
/// broker before the next is sent; one that could not be sent is sent again after reconnecting (so a consumer may,
/// rarely, see it twice). A broker that is down is waited for; the service never fails because of it.
/// </summary>
public sealed partial class NotificationBusPublisher(
    NotificationBus bus,
    IOptions<BusOptions> options,
    RabbitMqConnector connector,
    ILogger<NotificationBusPublisher> logger) : BackgroundService
{
    private const string ClientName = "watcher-notifications";
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WatcherNotification? _unsent;

    /// <summary>Completes once connected with the exchange declared (tests wait for it).</summary>
    public Task Connected => _connected.Task;

    /// <summary>Events the broker confirmed since start.</summary>
    public long Published => Interlocked.Read(ref _published);
    private long _published;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!bus.Enabled)
        {
            LogDisabled();
            await BrokerSession.IdleAsync(Timeout.InfiniteTimeSpan, stopping);
            return;
        }
        await BrokerSession.RunAsync(PublishUntilStoppedAsync, LogPublisherFailed, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), stopping);
    }

    private async Task PublishUntilStoppedAsync(CancellationToken stopping)
    {
        var exchange = options.Value.Exchange;
        await using var connection = await connector.ConnectAsync(bus.TransportUrl!, ClientName, stopping);
        await using var channel = await connection.CreateChannelAsync(
            new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), stopping);
        await BrokerSession.EnsureTopicExchangeAsync(connection, exchange, stopping);
        var queues = new HashSet<string>();
        var properties = new BasicProperties { ContentType = "application/json", ContentEncoding = "utf-8" };
        _connected.TrySetResult();
        LogConnected(exchange, string.Join(", ", options.Value.EffectiveTopics));

        while (true)
        {
            var next = _unsent ?? await bus.Pending.ReadAsync(stopping);
            _unsent = next;
            var body = NotificationBus.OsloMessage(next);
            foreach (var topic in options.Value.EffectiveTopics)
            {
                var key = NotificationBus.RoutingKey(topic, next.Priority);
                if (!queues.Contains(key))
                {
                    await EnsureQueueAsync(connection, exchange, key, stopping);
                    queues.Add(key);
                }
                await channel.BasicPublishAsync(exchange, key, mandatory: false, properties, body, stopping);
            }
            _unsent = null;
            Interlocked.Increment(ref _published);
            if (bus.TakeDroppedCount() is var dropped and > 0) LogDropped(dropped);
        }
    }

    /// <summary>oslo's default notification queue: named as its routing key, bound to the exchange with it.</summary>
    private static async Task EnsureQueueAsync(IConnection connection, string exchange, string key, CancellationToken ct)
    {
        await using var channel = await connection.CreateChannelAsync(cancellationToken: ct);
        try
        {
            await using var probe = await connection.CreateChannelAsync(cancellationToken: ct);
            await probe.QueueDeclarePassiveAsync(key, ct);
        }
        catch (OperationInterruptedException)
        {
            await channel.QueueDeclareAsync(key, durable: false, exclusive: false, autoDelete: false, cancellationToken: ct);
        }
        await channel.QueueBindAsync(key, exchange, key, cancellationToken: ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications on the message bus: off (no transport URL, notifications off, or no topic)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "Notifications on the message bus: publishing to exchange {Exchange}, topics {Topics}")]
    private partial void LogConnected(string exchange, string topics);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notifications on the message bus: publishing failed; events wait in memory; retrying in {Seconds} s")]
    private partial void LogPublisherFailed(Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notifications on the message bus: {Count} events were dropped while the broker was away (buffer full)")]
    private partial void LogDropped(long count);
}
