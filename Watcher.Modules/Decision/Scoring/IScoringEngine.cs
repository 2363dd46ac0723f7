using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Decision.Scoring;

/// <summary>
/// A scoring engine (reference §14): a named function from a feature vector to a score, both JSON texts, with
/// metainfo telling strategies how to read them. Upstream's hook for machine-learning models; listed read-only at
/// /v1/scoring_engines after the catalog sync.
/// </summary>
public interface IScoringEngine : IPlugin
{
    string Description { get; }

    /// <summary>Free text, often JSON, describing the features and the result columns.</summary>
    string Metainfo { get; }

    /// <summary>Scores <paramref name="features"/> (a JSON text); throws <see cref="ArgumentException"/> for bad input.</summary>
    string CalculateScore(string features);
}
