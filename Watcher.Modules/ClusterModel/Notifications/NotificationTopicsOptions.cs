namespace Watcher.Modules.ClusterModel.Notifications;

/// <summary>
/// <c>Watcher:DecisionEngine:NotificationTopics</c> (upstream <c>[watcher_decision_engine] notification_topics</c>):
/// "exchange.topic" entries the models listen on when <c>Watcher:TransportUrl</c> is set; upstream's default: Nova's
/// versioned notifications and the <c>openstack</c> exchange Cinder notifies on.
/// </summary>
public sealed class NotificationTopicsOptions
{
    public const string Section = "Watcher:DecisionEngine";
    public static readonly IReadOnlyList<string> DefaultTopics = ["nova.versioned_notifications", "openstack.notifications"];

    // Null, not a pre-filled list: the configuration binder appends to an existing list instead of replacing it.
    public string[]? NotificationTopics { get; set; }

    public IReadOnlyList<(string Exchange, string Topic)> Effective =>
        (NotificationTopics ?? DefaultTopics).Select(Split).ToList();

    /// <summary>"nova.versioned_notifications" → exchange nova, topic versioned_notifications; no dot → exchange "openstack".</summary>
    public static (string Exchange, string Topic) Split(string entry)
    {
        var dot = entry.IndexOf('.');
        return dot <= 0 ? ("openstack", entry) : (entry[..dot], entry[(dot + 1)..]);
    }
}
