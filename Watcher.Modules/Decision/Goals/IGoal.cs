using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Decision.Goals;

/// <summary>One efficacy indicator a goal declares (reference §6.2). <c>Schema</c> is a JSON-schema text.</summary>
public sealed record IndicatorSpec(string Name, string Description, string? Unit, string Schema, bool Required = true);

/// <summary>
/// A goal: what an audit wants to achieve. It declares the indicators its strategies must report and computes
/// the global efficacy from them (reference §6).
/// </summary>
public interface IGoal : IPlugin
{
    string DisplayName { get; }

    IReadOnlyList<IndicatorSpec> EfficacySpecification { get; }

    /// <summary>The global efficacy list ([] for goals without one) from the indicators a strategy reported.</summary>
    IReadOnlyList<EfficacyValue> GlobalEfficacy(IReadOnlyDictionary<string, double> indicators);
}
