using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;

namespace Watcher.Modules.Shared.Messaging;

/// <summary>
/// Opens a connection to the broker of <c>Watcher:TransportUrl</c>, waiting and retrying with back-off for as
/// long as the broker is away (never failing the service because of it). The client library then recovers the
/// connection and its topology by itself after a network failure.
/// </summary>
public sealed partial class RabbitMqConnector(IOptions<MessagingOptions> options, ILogger<RabbitMqConnector> logger)
{
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(30);

    public Task<IConnection> ConnectAsync(string clientName, CancellationToken ct) =>
        ConnectAsync(options.Value.TransportUrl!, clientName, ct);

    /// <summary>The same, to another broker (e.g. notifications on a bus of their own).</summary>
    public async Task<IConnection> ConnectAsync(string transportUrl, string clientName, CancellationToken ct)
    {
        var url = TransportUrl.Parse(transportUrl);
        var factory = url.CreateFactory(clientName);
        var wait = TimeSpan.FromSeconds(1);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var connection = await factory.CreateConnectionAsync(url.Endpoints.ToList(), clientName, ct);
                LogConnected(clientName, TransportUrl.Redact(transportUrl));
                return connection;
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                LogConnectFailed(clientName, TransportUrl.Redact(transportUrl), attempt, wait.TotalSeconds, e.Message);
                await Task.Delay(wait, ct);
                wait = TimeSpan.FromTicks(Math.Min(MaxWait.Ticks, wait.Ticks * 2));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Client}: connected to {Url}")]
    private partial void LogConnected(string client, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Client}: cannot connect to {Url} (attempt {Attempt}), retrying in {Seconds} s: {Reason}")]
    private partial void LogConnectFailed(string client, string url, int attempt, double seconds, string reason);
}
