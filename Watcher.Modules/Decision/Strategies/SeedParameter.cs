using System.Text.Json.Nodes;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// The optional <c>seed</c> audit parameter of randomised strategies (ours, not upstream's): without it a run draws
/// as upstream does; with it the same seed gives the same plan.
/// </summary>
public static class SeedParameter
{
    public static JsonObject Schema() => new()
    {
        ["description"] = "Seed of the random choices, to reproduce a plan (Watcher C# extension; omit for a random draw)",
        ["type"] = "integer",
    };
}
