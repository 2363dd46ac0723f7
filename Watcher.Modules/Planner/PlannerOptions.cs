using Microsoft.Extensions.Options;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Planner;

/// <summary>
/// [watcher_planner] → Watcher:Planner. Upstream declares <c>planner</c> but never reads it: each strategy picks
/// its planner. Here it is honoured as an override only (reference §19 item 4): empty — the default — lets the
/// strategy choose; a planner name makes every plan use that planner.
/// </summary>
public sealed class PlannerOptions
{
    public const string Section = "Watcher:Planner";

    public string? Planner { get; set; }

    /// <summary>The planner to use for a strategy that asks for <paramref name="strategyChoice"/>.</summary>
    public string Resolve(string strategyChoice) => string.IsNullOrWhiteSpace(Planner) ? strategyChoice : Planner;
}

/// <summary>Start-up check: an override must name a registered planner.</summary>
public sealed class PlannerOptionsValidator(PluginCatalog<IPlanner> planners) : IValidateOptions<PlannerOptions>
{
    public ValidateOptionsResult Validate(string? name, PlannerOptions options) =>
        string.IsNullOrWhiteSpace(options.Planner) || planners.Contains(options.Planner)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Watcher:Planner:Planner: unknown planner '{options.Planner}'. Valid names: {string.Join(", ", planners.Names)}");
}
