namespace Watcher.Modules.Applier.WhatIf;

/// <summary>
/// The waves the workflow engine runs a plan in: wave 1 holds the actions without parents, wave n+1 the actions
/// whose parents are all in waves up to n. Parents outside the plan are ignored, as the engine ignores them.
/// Actions on (or below) a cycle of parents never run: they get wave 0.
/// </summary>
internal static class PlanWaves
{
    public static IReadOnlyDictionary<string, int> Of(IReadOnlyList<(string Uuid, IReadOnlyList<string> Parents)> actions)
    {
        var inPlan = actions.Select(a => a.Uuid).ToHashSet();
        var parents = actions.ToDictionary(a => a.Uuid, a => a.Parents.Where(inPlan.Contains).Distinct().ToList());
        var wave = actions.ToDictionary(a => a.Uuid, _ => 0);
        var placed = new HashSet<string>();
        for (var current = 1; placed.Count < actions.Count; current++)
        {
            var ready = actions.Select(a => a.Uuid)
                .Where(u => !placed.Contains(u) && parents[u].All(placed.Contains)).ToList();
            if (ready.Count == 0) break;   // what is left sits on a cycle
            foreach (var uuid in ready) wave[uuid] = current;
            placed.UnionWith(ready);
        }
        return wave;
    }
}
