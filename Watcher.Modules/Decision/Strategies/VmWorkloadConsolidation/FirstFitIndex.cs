using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Decision.Strategies.VmWorkloadConsolidation;

/// <summary>
/// Answers upstream's destination scan of one bin-packing phase — "walk the destinations in order, skip the ones
/// marked saturated, take the first that fits, and mark every saturated one walked past" — in logarithmic time
/// instead of walking the whole list for every instance (quadratic: 924 s at 10 000 nodes).
/// </summary>
/// <remarks>
/// A segment tree over the phase's destination order keeps, per subtree, the largest headroom of each resource
/// (<see cref="UtilizationTracker.Headroom"/>) among unmarked nodes, and how many unmarked nodes are saturated
/// right now. The search descends only into subtrees whose headrooms could take the instance, and confirms a leaf
/// with the strategy's own <see cref="UtilizationTracker.Fits"/>, so the first fit is exactly upstream's.
/// Every node upstream would have walked past (unmarked, before the first fit) fails the fit; the saturated
/// ones among them are then marked, as upstream marks them. A node's headroom and saturation change only when it
/// is the source or destination of a planned move, so <see cref="Refresh"/> after each move keeps the tree exact.
/// </remarks>
internal sealed class FirstFitIndex
{
    private const int Dimensions = UtilizationTracker.HeadroomDimensions;

    private readonly UtilizationTracker _usage;
    private readonly IReadOnlyList<ComputeNode> _nodes;
    private readonly Dictionary<string, int> _positionOf;
    private readonly int _size;
    private readonly double[] _maxHeadroom;      // [treeNode * Dimensions + d]
    private readonly int[] _saturatedUnmarked;   // per tree node
    private readonly bool[] _marked;
    private readonly double[] _requirement = new double[Dimensions];
    private Instance? _instance;

    public FirstFitIndex(UtilizationTracker usage, IReadOnlyList<ComputeNode> destinationsInOrder)
    {
        _usage = usage;
        _nodes = destinationsInOrder;
        _positionOf = new Dictionary<string, int>(destinationsInOrder.Count);
        for (var i = 0; i < destinationsInOrder.Count; i++) _positionOf[destinationsInOrder[i].Uuid] = i;
        _size = 1;
        while (_size < Math.Max(1, destinationsInOrder.Count)) _size <<= 1;
        _maxHeadroom = new double[2 * _size * Dimensions];
        Array.Fill(_maxHeadroom, double.NegativeInfinity);
        _saturatedUnmarked = new int[2 * _size];
        _marked = new bool[_size];
        for (var p = 0; p < destinationsInOrder.Count; p++) WriteLeaf(p);
        for (var t = _size - 1; t >= 1; t--) Pull(t);
    }

    /// <summary>
    /// The first destination before <paramref name="limit"/> (a position in the phase's order) that takes the
    /// instance, or null; the saturated destinations walked past are marked, as upstream's scan marks them.
    /// </summary>
    public ComputeNode? FindFirstFit(Instance instance, int limit)
    {
        limit = Math.Min(limit, _nodes.Count);
        _instance = instance;
        _usage.Requirement(instance, _requirement);
        var found = limit <= 0 ? -1 : Search(1, 0, _size, limit);
        _instance = null;
        MarkSaturatedBefore(found < 0 ? limit : found);
        return found < 0 ? null : _nodes[found];
    }

    /// <summary>Re-reads a node after a move changed it (no-op for nodes outside this phase's order).</summary>
    public void Refresh(ComputeNode node)
    {
        if (!_positionOf.TryGetValue(node.Uuid, out var p)) return;
        WriteLeaf(p);
        for (var t = (p + _size) >> 1; t >= 1; t >>= 1) Pull(t);
    }

    private int Search(int t, int lo, int hi, int limit)
    {
        if (lo >= limit || !MayFit(t)) return -1;
        if (hi - lo == 1) return _usage.Fits(_instance!, _nodes[lo]) ? lo : -1;
        var mid = (lo + hi) >> 1;
        var left = Search(2 * t, lo, mid, limit);
        return left >= 0 ? left : Search(2 * t + 1, mid, hi, limit);
    }

    /// <summary>Necessary condition only (a small tolerance keeps rounding from hiding a fit); leaves decide.</summary>
    private bool MayFit(int t)
    {
        var offset = t * Dimensions;
        for (var d = 0; d < Dimensions; d++)
        {
            var need = _requirement[d];
            if (_maxHeadroom[offset + d] < need - 1e-6 * (1 + Math.Abs(need))) return false;
        }
        return true;
    }

    private void MarkSaturatedBefore(int end)
    {
        if (end <= 0 || _saturatedUnmarked[1] == 0) return;
        Mark(1, 0, _size, end);
    }

    private void Mark(int t, int lo, int hi, int end)
    {
        if (lo >= end || _saturatedUnmarked[t] == 0) return;
        if (hi - lo == 1)
        {
            _marked[lo] = true;
            WriteLeaf(lo);
            for (var up = t >> 1; up >= 1; up >>= 1) Pull(up);
            return;
        }
        var mid = (lo + hi) >> 1;
        Mark(2 * t, lo, mid, end);
        Mark(2 * t + 1, mid, hi, end);
    }

    private void WriteLeaf(int p)
    {
        var t = p + _size;
        var offset = t * Dimensions;
        if (_marked[p])
        {
            for (var d = 0; d < Dimensions; d++) _maxHeadroom[offset + d] = double.NegativeInfinity;
            _saturatedUnmarked[t] = 0;
            return;
        }
        _usage.Headroom(_nodes[p], _maxHeadroom.AsSpan(offset, Dimensions));
        _saturatedUnmarked[t] = _usage.IsSaturated(_nodes[p]) ? 1 : 0;
    }

    private void Pull(int t)
    {
        int left = 2 * t, right = left + 1;
        for (var d = 0; d < Dimensions; d++)
            _maxHeadroom[t * Dimensions + d] = Math.Max(_maxHeadroom[left * Dimensions + d], _maxHeadroom[right * Dimensions + d]);
        _saturatedUnmarked[t] = _saturatedUnmarked[left] + _saturatedUnmarked[right];
    }
}
