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
/// A child becomes ready once every parent finished; a child the rule refuses is ignored (it stays PENDING),
/// and so are all its descendants, as taskflow's ignore propagation does.
/// </summary>
internal sealed class ActionGraph
{
    private readonly EdgeRule _rule;
    private readonly Dictionary<string, ActionSnapshot> _actions;
    private readonly Dictionary<string, List<string>> _parents;
    private readonly Dictionary<string, bool> _results = new();
    private readonly HashSet<string> _ignored = [];
    private readonly HashSet<string> _started = [];
    private readonly List<string> _succeeded = [];

    public ActionGraph(IReadOnlyList<ActionSnapshot> actions, EdgeRule rule)
    {
        _rule = rule;
        _actions = actions.ToDictionary(a => a.Uuid);
        // Parents outside the plan cannot gate anything: drop them.
        _parents = actions.ToDictionary(a => a.Uuid, a => a.Parents.Where(_actions.ContainsKey).Distinct().ToList());
    }

    public bool AnyFailed => _results.Values.Any(ok => !ok);

    /// <summary>Succeeded actions in completion order (rollback walks it backwards).</summary>
    public IReadOnlyList<string> SucceededInOrder => _succeeded;

    /// <summary>Actions never started nor ignored once nothing is running: they sit on a parent cycle.</summary>
    public IReadOnlyList<string> Unreached => _actions.Keys.Where(u => !_started.Contains(u) && !_ignored.Contains(u)).ToList();

    /// <summary>Returns up to <paramref name="capacity"/> actions whose parents all finished, marking them started.</summary>
    public IReadOnlyList<ActionSnapshot> TakeReady(int capacity)
    {
        var ready = new List<ActionSnapshot>();
        bool progressed;
        do
        {
            progressed = false;
            foreach (var (uuid, action) in _actions)
            {
                if (ready.Count >= capacity) return ready;
                if (_started.Contains(uuid) || _ignored.Contains(uuid) || !ParentsFinished(uuid)) continue;
                if (Refused(uuid))
                {
                    _ignored.Add(uuid);
                    progressed = true; // its children may now be decidable
                    continue;
                }
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

    private bool ParentsFinished(string uuid) => _parents[uuid].All(p => _results.ContainsKey(p) || _ignored.Contains(p));

    private bool Refused(string uuid)
    {
        var parents = _parents[uuid];
        if (parents.Any(_ignored.Contains)) return true;
        return _rule == EdgeRule.Any && parents.Any(p => _results[p]);
    }
}
