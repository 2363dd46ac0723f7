namespace Watcher.Modules.Shared.Notifications;

/// <summary>
/// Where our notifications go on the message bus (upstream's <c>[oslo_messaging_notifications]</c> with the
/// <c>messagingv2</c> driver, and <c>control_exchange = watcher</c>) → Watcher:Notifications:Bus.
/// Publishing is on when a transport URL is set (this section's, else <c>Watcher:TransportUrl</c>), the
/// notification level is not empty and at least one topic is named.
/// </summary>
public sealed class BusOptions
{
    public const string Section = "Watcher:Notifications:Bus";
    public static readonly IReadOnlyList<string> DefaultTopics = ["watcher_notifications"];

    /// <summary>A broker of its own for notifications (oslo's notifications transport_url); empty: Watcher:TransportUrl.</summary>
    public string? TransportUrl { get; set; }

    /// <summary>Upstream's control_exchange for Watcher: the topic exchange the notifications are sent to.</summary>
    public string Exchange { get; set; } = "watcher";

    // Null, not a pre-filled list: the configuration binder appends to an existing list instead of replacing it.
    /// <summary>oslo's topics: each event goes to routing key "&lt;topic&gt;.&lt;priority&gt;" for each topic; an empty list turns publishing off.</summary>
    public string[]? Topics { get; set; }

    /// <summary>Events kept while the broker is away; past this, the oldest are dropped (and counted in the log).</summary>
    public int BufferCapacity { get; set; } = 10_000;

    public IReadOnlyList<string> EffectiveTopics => Topics ?? DefaultTopics;
}
