using System.Text.Json.Nodes;
using Watcher.Modules.Applier.Contracts;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Applier.Actions;

/// <summary>
/// An action type that can say what it would do to a compute model, for the what-if projection. It checks the
/// model the way its pre-condition checks the cloud (same texts), then changes the model as execution would change
/// the cloud. An action type without it shows as "not modelled" in a projection; nothing else breaks.
/// </summary>
public interface IModelEffect
{
    ModelEffect Project(ComputeModel model, JsonObject parameters);
}

/// <summary>An outcome of <see cref="ProjectionOutcome"/> and, unless it applied cleanly, why.</summary>
public sealed record ModelEffect(string Outcome, string? Note = null)
{
    public static readonly ModelEffect Applied = new(ProjectionOutcome.Applied);
    public static ModelEffect NoUsageChange(string note) => new(ProjectionOutcome.NoUsageChange, note);
    public static ModelEffect WouldSkip(string note) => new(ProjectionOutcome.WouldSkip, note);
    public static ModelEffect WouldFail(string note) => new(ProjectionOutcome.WouldFail, note);
    public static ModelEffect Unknown(string note) => new(ProjectionOutcome.Unknown, note);

    /// <summary>A string parameter, or null when absent or not a string (stored plans are not re-validated here).</summary>
    public static string? Text(JsonObject parameters, string name) =>
        parameters[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static bool Flag(JsonObject parameters, string name) =>
        parameters[name] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
