using System.Collections.Concurrent;

namespace Watcher.Modules.Applier;

/// <summary>
/// The plans this process is working on right now (executing, or reconciling after a takeover). A plan claimed by
/// this live process but not in here has lost its job (it threw, or never ran): the orphan recovery takes it up
/// again instead of leaving it ONGOING forever. Also keeps two jobs of this process off one plan.
/// </summary>
internal sealed class ActivePlans
{
    private readonly ConcurrentDictionary<string, byte> _plans = new();

    public bool TryEnter(string planUuid) => _plans.TryAdd(planUuid, 0);

    public void Exit(string planUuid) => _plans.TryRemove(planUuid, out _);

    public bool Contains(string planUuid) => _plans.ContainsKey(planUuid);
}
