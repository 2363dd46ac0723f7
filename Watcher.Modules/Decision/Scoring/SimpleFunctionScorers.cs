namespace Watcher.Modules.Decision.Scoring;

/// <summary>
/// Upstream's dummy_scoring_container: three scorers that aggregate a JSON array of numbers into a one-element
/// array (minimum, maximum, average).
/// </summary>
public abstract class SimpleFunctionScorer : IScoringEngine
{
    public abstract string Name { get; }
    public abstract string Description { get; }
    public string Metainfo => "";

    internal abstract ScoringInput.Number Aggregate(IReadOnlyList<ScoringInput.Number> values);

    public string CalculateScore(string features)
    {
        var values = ScoringInput.Numbers(features);
        if (values.Count < 1) throw new ArgumentException("At least one feature is required");
        return ScoringInput.Write([Aggregate(values)]);
    }
}

public sealed class DummyMinScorer : SimpleFunctionScorer
{
    public override string Name => "dummy_min_scorer";
    public override string Description => "Dummy Scorer calculating the minimum value";
    // Python's min returns the element itself: an int stays an int.
    internal override ScoringInput.Number Aggregate(IReadOnlyList<ScoringInput.Number> values) => values.MinBy(v => v.Value);
}

public sealed class DummyMaxScorer : SimpleFunctionScorer
{
    public override string Name => "dummy_max_scorer";
    public override string Description => "Dummy Scorer calculating the maximum value";
    internal override ScoringInput.Number Aggregate(IReadOnlyList<ScoringInput.Number> values) => values.MaxBy(v => v.Value);
}

public sealed class DummyAvgScorer : SimpleFunctionScorer
{
    public const string PluginName = "dummy_avg_scorer";
    public override string Name => PluginName;
    public override string Description => "Dummy Scorer calculating the average value";
    internal override ScoringInput.Number Aggregate(IReadOnlyList<ScoringInput.Number> values) =>
        new(values.Sum(v => v.Value) / values.Count, IsInteger: false);
}
