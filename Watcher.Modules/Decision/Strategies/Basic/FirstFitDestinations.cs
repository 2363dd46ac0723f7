using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Decision.Strategies.Basic;

/// <summary>
/// The destination list of basic consolidation: nodes in score order, with the flavor resources used on each.
/// Answers "the first node in list order, before position <c>limit</c>, where the instance fits" in about
/// log(n) steps with a segment tree of the largest free vCPU / RAM / disk per range, instead of upstream's scan of
/// every node for every instance (which is what makes upstream quadratic).
/// <para>
/// The nodes before the current source only ever receive instances (a node gives instances away only as the source,
/// at the end of the list, and is dropped after), and the limit only moves down. So free room in [0, limit) only
/// shrinks, and a flavor that found no place once never will: such flavors are remembered and answered at once.
/// </para>
/// </summary>
internal sealed class FirstFitDestinations
{
    // Pruning only: a range is skipped when even its largest free amount is short by more than this, so float
    // rounding in "capacity - used" can never hide a node that the exact check below would accept.
    private const double Slack = 1e-6;

    private readonly ComputeNode[] _nodes;
    private readonly double[] _capacity;   // [position * 3 + r], r: 0 vcpu, 1 memory MB, 2 disk GB
    private readonly double[] _used;
    private readonly double[] _maxFree;    // segment tree, 3 values per tree node
    private readonly int _size;
    private readonly List<(int Vcpus, int Memory, int Disk)> _noPlace = [];

    public FirstFitDestinations(IReadOnlyList<ComputeNode> ordered, Func<ComputeNode, NodeResources> used)
    {
        _nodes = ordered.ToArray();
        _capacity = new double[_nodes.Length * 3];
        _used = new double[_nodes.Length * 3];
        for (var p = 0; p < _nodes.Length; p++)
        {
            var n = _nodes[p];
            var u = used(n);
            (_capacity[3 * p], _capacity[3 * p + 1], _capacity[3 * p + 2]) = (n.VcpuCapacity, n.MemoryMbCapacity, n.DiskGbCapacity);
            (_used[3 * p], _used[3 * p + 1], _used[3 * p + 2]) = (u.Vcpus, u.Memory, u.Disk);
        }
        _size = 1;
        while (_size < Math.Max(1, _nodes.Length)) _size <<= 1;
        _maxFree = new double[2 * _size * 3];
        Array.Fill(_maxFree, double.NegativeInfinity);
        for (var p = 0; p < _nodes.Length; p++) SetLeaf(p);
        for (var t = _size - 1; t >= 1; t--) Pull(t);
    }

    public ComputeNode this[int position] => _nodes[position];

    /// <summary>
    /// First position in [0, limit) where the instance's flavor fits under capacity (upstream's check_threshold
    /// with factors 1: capacity ≥ used + instance for vCPU, disk and memory), or -1.
    /// </summary>
    public int FindFirst(Instance instance, int limit)
    {
        if (limit <= 0) return -1;
        foreach (var (vcpus, memory, disk) in _noPlace)
            if (instance.Vcpus >= vcpus && instance.Memory >= memory && instance.Disk >= disk) return -1;
        var position = Find(1, 0, _size, limit, instance.Vcpus, instance.Memory, instance.Disk);
        if (position < 0) _noPlace.Add((instance.Vcpus, instance.Memory, instance.Disk));
        return position;
    }

    public void Move(Instance instance, int from, int to)
    {
        Add(from, -instance.Vcpus, -instance.Memory, -instance.Disk);
        Add(to, instance.Vcpus, instance.Memory, instance.Disk);
    }

    private int Find(int t, int lo, int hi, int limit, double vcpu, double memory, double disk)
    {
        if (lo >= limit) return -1;
        var b = 3 * t;
        if (_maxFree[b] < vcpu - Slack || _maxFree[b + 1] < memory - Slack || _maxFree[b + 2] < disk - Slack) return -1;
        if (hi - lo == 1) return Fits(lo, vcpu, memory, disk) ? lo : -1;
        var mid = (lo + hi) / 2;
        var left = Find(2 * t, lo, mid, limit, vcpu, memory, disk);
        return left >= 0 ? left : Find(2 * t + 1, mid, hi, limit, vcpu, memory, disk);
    }

    private bool Fits(int p, double vcpu, double memory, double disk) =>
        _capacity[3 * p] >= _used[3 * p] + vcpu
        && _capacity[3 * p + 2] >= _used[3 * p + 2] + disk
        && _capacity[3 * p + 1] >= _used[3 * p + 1] + memory;

    private void Add(int p, double vcpu, double memory, double disk)
    {
        _used[3 * p] += vcpu;
        _used[3 * p + 1] += memory;
        _used[3 * p + 2] += disk;
        SetLeaf(p);
        for (var t = (p + _size) / 2; t >= 1; t /= 2) Pull(t);
    }

    private void SetLeaf(int p)
    {
        var b = 3 * (p + _size);
        for (var r = 0; r < 3; r++) _maxFree[b + r] = _capacity[3 * p + r] - _used[3 * p + r];
    }

    private void Pull(int t)
    {
        var b = 3 * t;
        for (var r = 0; r < 3; r++) _maxFree[b + r] = Math.Max(_maxFree[6 * t + r], _maxFree[6 * t + 3 + r]);
    }
}
