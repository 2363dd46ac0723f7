namespace Watcher.Modules.Applier.Workflow;

/// <summary>How a parent's result gates its child (upstream's taskflow deciders).</summary>
internal enum EdgeRule
{
    /// <summary>The child runs whatever its parents did.</summary>
    Always,
    /// <summary>Actions are alternatives: the child runs only if no parent succeeded.</summary>
    Any,
}

/// <summary>
/// Scheduling state of one plan's action graph. Not thread-safe: only the engine's loop touches it.
/// A child becomes ready once every parent finished; a child the rule refuses is ignored, and so are all its
/// descendants, as taskflow's ignore propagation does (the engine then marks them SKIPPED with the reason).
/// At most <c>limits[type]</c> actions of one type run at once.
/// </summary>
internal sealed class ActionGraph
{
    private readonly EdgeRule _rule;
    private readonly IReadOnlyDictionary<string, int> _limits;
    private readonly Dictionary<string, ActionSnapshot> _actions;
    private readonly Dictionary<string, List<string>> _parents;
    private readonly Dictionary<string, bool> _results = new();
    private readonly Dictionary<string, string> _ignored = new();
    private readonly HashSet<string> _started = [];
    private readonly List<string> _succeeded = [];

    public ActionGraph(IReadOnlyList<ActionSnapshot> actions, EdgeRule rule, IReadOnlyDictionary<string, int>? limits = null)
    {
        _rule = rule;
        _limits = limits ?? new Dictionary<string, int>();
        _actions = actions.ToDictionary(a => a.Uuid);
        // Parents outside the plan cannot gate anything: drop them.
        _parents = actions.ToDictionary(a => a.Uuid, a => a.Parents.Where(_actions.ContainsKey).Distinct().ToList());
    }

    public bool AnyFailed => _results.Values.Any(ok => !ok);

    /// <summary>Succeeded actions in completion order (rollback walks it backwards).</summary>
    public IReadOnlyList<string> SucceededInOrder => _succeeded;

    /// <summary>Actions the rule refused, with why (their parent succeeded, or was itself not run).</summary>
    public IReadOnlyDictionary<string, string> Ignored => _ignored;

    /// <summary>Actions started and not finished yet.</summary>
    public int Running => _started.Count(u => !_results.ContainsKey(u));

    /// <summary>Actions never started nor ignored once nothing is running: they sit on a parent cycle (or were never reached).</summary>
    public IReadOnlyList<string> Unreached => _actions.Keys.Where(u => !_started.Contains(u) && !_ignored.ContainsKey(u)).ToList();

    /// <summary>Returns up to <paramref name="capacity"/> actions whose parents all finished, marking them started.</summary>
    public IReadOnlyList<ActionSnapshot> TakeReady(int capacity)
    {
        var ready = new List<ActionSnapshot>();
        var runningByType = _started.Where(u => !_results.ContainsKey(u)).GroupBy(u => _actions[u].ActionType)
            .ToDictionary(g => g.Key, g => g.Count());
        bool progressed;
        do
        {
            progressed = false;
            foreach (var (uuid, action) in _actions)
            {
                if (ready.Count >= capacity) return ready;
                if (_started.Contains(uuid) || _ignored.ContainsKey(uuid) || !ParentsFinished(uuid)) continue;
                if (RefusedBy(uuid) is { } reason)
                {
                    _ignored[uuid] = reason;
                    progressed = true; // its children may now be decidable
                    continue;
                }
                var running = runningByType.GetValueOrDefault(action.ActionType);
                if (_limits.TryGetValue(action.ActionType, out var limit) && running >= Math.Max(1, limit)) continue;
                runningByType[action.ActionType] = running + 1;
                _started.Add(uuid);
                ready.Add(action);
            }
        } while (progressed);
        return ready;
    }

    public void Complete(string uuid, bool succeeded)
    {
        _results[uuid] = succeeded;
        if (succeeded) _succeeded.Add(uuid);
    }

    private bool ParentsFinished(string uuid) => _parents[uuid].All(p => _results.ContainsKey(p) || _ignored.ContainsKey(p));

    private string? RefusedBy(string uuid)
    {
        var parents = _parents[uuid];
        if (parents.FirstOrDefault(_ignored.ContainsKey) is { } skippedParent)
            return $"its parent action {skippedParent} was not run";
        if (_rule == EdgeRule.Any && parents.FirstOrDefault(p => _results[p]) is { } succeededParent)
            return $"its parent action {succeededParent} succeeded, so this alternative was not needed";
        return null;
    }
}
