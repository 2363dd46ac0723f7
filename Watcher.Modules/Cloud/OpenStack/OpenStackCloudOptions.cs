namespace Watcher.Modules.Cloud.OpenStack;

/// <summary>
/// The one decision-engine option the OpenStack backend reads: upstream <c>[watcher_decision_engine]
/// max_general_workers</c>, bound from the same section (<c>Watcher:DecisionEngine</c>) the decision module uses.
/// </summary>
public sealed class OpenStackCloudOptions
{
    public const string Section = "Watcher:DecisionEngine";

    /// <summary>Concurrent per-host calls while building the model (Placement inventories, migration records).</summary>
    public int MaxGeneralWorkers { get; set; } = 4;
}
