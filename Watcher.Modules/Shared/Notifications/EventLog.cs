namespace Watcher.Modules.Shared.Notifications;

/// <summary>A notification as the event log keeps it: numbered in publishing order.</summary>
public sealed record LoggedEvent(long Sequence, WatcherNotification Notification);

/// <summary>What to read from the event log (all filters optional).</summary>
/// <param name="Type">An event type ("audit.update") or a prefix of whole parts ("audit", "action_plan.execution").</param>
/// <param name="ResourceUuid">Only events about this audit, action plan or action.</param>
/// <param name="Priority">Only events of this priority.</param>
/// <param name="After">Only events numbered after this one (to poll for what is new).</param>
/// <param name="Limit">At most this many: the first ones after <paramref name="After"/>, else the latest ones.</param>
public sealed record EventQuery(string? Type = null, string? ResourceUuid = null, string? Priority = null, long? After = null, int Limit = 100);

/// <summary>
/// The latest notifications, in memory and bounded (Watcher:Notifications:EventLogCapacity; the oldest go first),
/// for operators and tests to see what Watcher emitted without a message bus.
/// </summary>
public sealed class EventLog(int capacity)
{
    private readonly object _lock = new();
    private readonly LinkedList<LoggedEvent> _events = new();
    private long _sequence;

    public int Capacity { get; } = Math.Max(1, capacity);

    public LoggedEvent Append(WatcherNotification notification)
    {
        lock (_lock)
        {
            var logged = new LoggedEvent(++_sequence, notification);
            _events.AddLast(logged);
            while (_events.Count > Capacity) _events.RemoveFirst();
            return logged;
        }
    }

    /// <summary>Matching events in publishing order.</summary>
    public IReadOnlyList<LoggedEvent> Read(EventQuery query)
    {
        List<LoggedEvent> snapshot;
        lock (_lock) snapshot = [.. _events];
        var matching = snapshot.Where(e => Matches(e, query));
        var limit = Math.Max(0, query.Limit);
        return query.After is not null
            ? matching.Take(limit).ToList()
            : matching.TakeLast(limit).ToList();
    }

    private static bool Matches(LoggedEvent e, EventQuery query)
    {
        var n = e.Notification;
        if (query.After is { } after && e.Sequence <= after) return false;
        if (query.Type is { Length: > 0 } type && n.EventType != type && !n.EventType.StartsWith(type + ".", StringComparison.Ordinal))
            return false;
        if (query.Priority is { Length: > 0 } priority && !string.Equals(n.Priority, priority, StringComparison.OrdinalIgnoreCase))
            return false;
        return query.ResourceUuid is not { Length: > 0 } uuid || n.ResourceUuid == uuid;
    }
}
