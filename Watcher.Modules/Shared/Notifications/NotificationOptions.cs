namespace Watcher.Modules.Shared.Notifications;

/// <summary>[DEFAULT] notification_level and our in-process event log → Watcher:Notifications.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Watcher:Notifications";

    /// <summary>
    /// Lowest priority emitted: debug, info (upstream's default), warning, error or critical; empty turns
    /// notifications off, as upstream's empty value does.
    /// </summary>
    public string Level { get; set; } = "info";

    /// <summary>How many of the latest notifications GET /events keeps (oldest dropped first).</summary>
    public int EventLogCapacity { get; set; } = 10_000;

    public bool Emits(string priority) =>
        !string.IsNullOrWhiteSpace(Level) && NotificationPriority.Rank(priority) >= NotificationPriority.Rank(Level);
}
