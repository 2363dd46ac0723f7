namespace Watcher.Modules.Planner;

/// <summary>
/// [watcher_planner] planner → Watcher:Planner:Planner. Upstream never reads it (the strategy picks its planner,
/// §19 item 4); here an empty value (the default) keeps the strategy's choice and a planner name overrides it for
/// every plan.
/// </summary>
public sealed class PlannerOptions
{
    public const string Section = "Watcher:Planner";
    public string Planner { get; set; } = "";

    public string Choose(string strategysPlanner) => string.IsNullOrWhiteSpace(Planner) ? strategysPlanner : Planner;
}
