using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Watcher.Modules.Shared.Notifications;

/// <summary>
/// Notifications about writes still inside a database transaction, per DbContext, in the order they happened:
/// published when the transaction commits, dropped when it rolls back (<see cref="EntityChangeNotifier"/>).
/// </summary>
public sealed class UncommittedNotifications
{
    private readonly ConditionalWeakTable<DbContext, List<NotificationEvent>> _waiting = new();
    private readonly object _lock = new();

    /// <summary>Queues the events when the context is inside a transaction; false (nothing queued) otherwise.</summary>
    public bool TryDefer(DbContext context, IEnumerable<NotificationEvent> events)
    {
        if (context.Database.CurrentTransaction is null) return false;
        lock (_lock)
        {
            if (!_waiting.TryGetValue(context, out var list)) _waiting.Add(context, list = []);
            list.AddRange(events);
        }
        return true;
    }

    /// <summary>Removes and returns what waits on the context.</summary>
    public List<NotificationEvent> Take(DbContext context)
    {
        lock (_lock)
        {
            if (!_waiting.TryGetValue(context, out var list)) return [];
            _waiting.Remove(context);
            return list;
        }
    }
}
