using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Api.Actions;

/// <summary>
/// action_type → human text, as the action_descriptions table holds it. The table is a catalog: the applier of each
/// starting process writes it from the registered actions, and nothing else changes it. So it is read once and kept
/// for a minute rather than read again for every action shown (a detail page or a GET would otherwise spend one more
/// SQL statement on it); after a rolling upgrade a changed text shows within that minute. A type the kept copy lacks
/// (asked before this process's start-up sync wrote it) makes it read again.
/// </summary>
public sealed class ActionDescriptions(TimeProvider time)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(1);
    private volatile Snapshot? _snapshot;

    private sealed record Snapshot(IReadOnlyDictionary<string, string> Texts, DateTimeOffset ReadAt);

    public async Task<IReadOnlyDictionary<string, string>> GetAsync(WatcherDbContext db, IEnumerable<string> types, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_snapshot is { } kept && now - kept.ReadAt < KeptFor && types.All(kept.Texts.ContainsKey)) return kept.Texts;
        // Two requests may both read it after expiry: harmless, the table is a handful of rows.
        var texts = await db.ActionDescriptions.AsNoTracking().ToDictionaryAsync(d => d.ActionType, d => d.Description, ct);
        _snapshot = new Snapshot(texts, now);
        return texts;
    }
}
