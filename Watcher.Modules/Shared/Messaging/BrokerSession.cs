using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Watcher.Modules.Shared.Messaging;

/// <summary>
/// What every long-lived user of the broker (our notification publisher, the cloud-notification listener) does
/// the same way: run a session until the service stops, start it again after a failure with a doubling wait, and
/// find or declare oslo.messaging's topic exchange.
/// </summary>
public static class BrokerSession
{
    /// <summary>
    /// Runs <paramref name="session"/> until <paramref name="stopping"/>; after each failure reports it through
    /// <paramref name="failed"/> (exception, seconds before the next try) and waits, from <paramref name="firstWait"/>
    /// doubling up to <paramref name="maxWait"/>. The service never fails because the broker does.
    /// </summary>
    public static async Task RunAsync(Func<CancellationToken, Task> session, Action<Exception, double> failed,
        TimeSpan firstWait, TimeSpan maxWait, CancellationToken stopping)
    {
        var wait = firstWait;
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await session(stopping);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failed(e, wait.TotalSeconds);
                await IdleAsync(wait, stopping);
                wait = TimeSpan.FromTicks(Math.Min(maxWait.Ticks, wait.Ticks * 2));
            }
        }
    }

    /// <summary>
    /// Waits without throwing when stopped. A worker whose loop ended reads as "stopped" to the readiness check, so
    /// one with nothing to do idles with <see cref="Timeout.InfiniteTimeSpan"/>.
    /// </summary>
    public static Task IdleAsync(TimeSpan wait, CancellationToken stopping) =>
        Task.Delay(wait, stopping).ContinueWith(_ => { }, TaskScheduler.Default);

    /// <summary>
    /// The exchange as oslo.messaging declares it (topic, not durable, not auto-deleted) unless it exists already —
    /// perhaps declared otherwise by a deployment, or by the service that sends on it. A passive check that fails
    /// closes its channel, hence a throwaway one.
    /// </summary>
    public static async Task EnsureTopicExchangeAsync(IConnection connection, string exchange, CancellationToken ct)
    {
        try
        {
            await using var probe = await connection.CreateChannelAsync(cancellationToken: ct);
            await probe.ExchangeDeclarePassiveAsync(exchange, ct);
        }
        catch (OperationInterruptedException)
        {
            await using var declare = await connection.CreateChannelAsync(cancellationToken: ct);
            await declare.ExchangeDeclareAsync(exchange, ExchangeType.Topic, durable: false, autoDelete: false, cancellationToken: ct);
        }
    }
}
