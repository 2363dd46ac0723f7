using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Watcher.Modules.Shared.Messaging;

namespace Watcher.Modules.ClusterModel.Notifications;

/// <summary>
/// Listens to the cloud's notifications on RabbitMQ when <c>Watcher:TransportUrl</c> is set (reference §10.5):
/// Nova's versioned notifications (exchange <c>nova</c>, routing keys <c>versioned_notifications.*</c>) for the
/// compute model and Cinder's (exchange <c>openstack</c>, <c>notifications.*</c>) for the storage model, as
/// <c>Watcher:DecisionEngine:NotificationTopics</c> lists them. Each Watcher process binds its own exclusive,
/// auto-deleted queue to the exchanges, so it sees every event without taking them from other consumers of the
/// services' shared queues, and leaves nothing behind when it stops. A broker that is down is waited for; a
/// malformed or failing event is logged and dropped.
/// </summary>
public sealed partial class CloudNotificationListener(
    IOptions<MessagingOptions> messaging,
    IOptions<NotificationTopicsOptions> topics,
    RabbitMqConnector connector,
    IServiceProvider services,
    ILogger<CloudNotificationListener> logger) : BackgroundService
{
    private const string ClientName = "watcher-decision-engine:notifications";
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the queue is bound and consuming (tests wait for it before causing events).</summary>
    public Task Listening => _listening.Task;

    /// <summary>Events received since start (applied or not).</summary>
    public long Received => Interlocked.Read(ref _received);
    private long _received;

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (!messaging.Value.Enabled)
        {
            LogDisabled();
            await BrokerSession.IdleAsync(Timeout.InfiniteTimeSpan, stopping);
            return;
        }
        // Wrong exchange type, permissions, a broker gone for good...: the model still syncs; try again later.
        await BrokerSession.RunAsync(ListenAsync, LogListenerFailed, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), stopping);
    }

    private async Task ListenAsync(CancellationToken stopping)
    {
        await using var connection = await connector.ConnectAsync(ClientName, stopping);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: stopping);
        var queue = await channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: stopping);
        foreach (var (exchange, topic) in topics.Value.Effective)
        {
            await BrokerSession.EnsureTopicExchangeAsync(connection, exchange, stopping);
            await channel.QueueBindAsync(queue.QueueName, exchange, topic + ".*", cancellationToken: stopping);
            LogBound(exchange, topic);
        }
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) => OnDeliveryAsync(delivery, stopping);
        await channel.BasicConsumeAsync(queue.QueueName, autoAck: true, consumer, stopping);
        _listening.TrySetResult();
        await Task.Delay(Timeout.Infinite, stopping);
    }

    private async Task OnDeliveryAsync(BasicDeliverEventArgs delivery, CancellationToken ct)
    {
        Interlocked.Increment(ref _received);
        // Nova's versioned payloads carry nova_object.data; anything else with a plain payload is Cinder's kind.
        var nova = NovaNotification.Parse(delivery.Body.Span);
        var cinder = nova is null ? CinderNotification.Parse(delivery.Body.Span) : null;
        if (nova is null && cinder is null)
        {
            LogUnreadable(delivery.RoutingKey);
            return;
        }
        try
        {
            if (nova is not null) await services.GetRequiredService<NovaNotificationHandler>().HandleAsync(nova, ct);
            else await services.GetRequiredService<CinderNotificationHandler>().HandleAsync(cinder!, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHandlingFailed(e, nova?.EventType ?? cinder!.EventType);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloud notifications: off (Watcher:TransportUrl is not set)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Information, Message = "Cloud notifications: listening on exchange {Exchange}, topic {Topic}")]
    private partial void LogBound(string exchange, string topic);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cloud notifications: the listener failed; syncs keep the model fresh meanwhile; retrying in {Seconds} s")]
    private partial void LogListenerFailed(Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Cloud notifications: unreadable message on {RoutingKey} dropped")]
    private partial void LogUnreadable(string routingKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud notifications: {EventType} could not be applied")]
    private partial void LogHandlingFailed(Exception exception, string eventType);
}
