namespace Watcher.Modules.Shared.Messaging;

/// <summary>
/// <c>Watcher:TransportUrl</c> (upstream <c>[DEFAULT] transport_url</c>): the RabbitMQ broker Nova publishes its
/// notifications on, e.g. <c>rabbit://user:pass@rabbit:5672/</c>. Empty: no message bus (the default; the
/// model is then refreshed only by syncs and applied actions).
/// </summary>
public sealed class MessagingOptions
{
    public const string Section = "Watcher";

    public string? TransportUrl { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(TransportUrl);
}
