using System.Text.Json.Nodes;
using Watcher.Modules.Cloud;
using Watcher.Modules.Shared.Plugins;

namespace Watcher.Modules.Applier.Actions;

/// <summary>
/// An action type the applier can execute (reference §9.8). Stateless: the parameters and the cloud arrive in
/// the <see cref="ActionContext"/>. Phases follow upstream: pre-condition, execute, post-condition; abort when a
/// plan is cancelled mid-action; revert only when rollback is enabled.
/// </summary>
public interface IAction : IPlugin
{
    /// <summary>The human description synced into action_descriptions (exact upstream text).</summary>
    string Description { get; }

    /// <summary>JSON-schema of input_parameters; validated before the pre-condition.</summary>
    JsonObject InputSchema { get; }

    /// <summary>Throws <see cref="ActionSkippedException"/> (nothing to do) or <see cref="ActionFailedException"/>.</summary>
    Task PreConditionAsync(ActionContext context);

    /// <summary>True when the action succeeded.</summary>
    Task<bool> ExecuteAsync(ActionContext context);

    /// <summary>Throws <see cref="ActionFailedException"/> when the result is not as expected.</summary>
    Task PostConditionAsync(ActionContext context);

    /// <summary>Cancel a running action: true = cancelled, false = it completed anyway. Throws when abort is not possible.</summary>
    Task<bool> AbortAsync(ActionContext context);

    /// <summary>
    /// Whether a plan cancellation may interrupt the action while it runs (then <see cref="AbortAsync"/> is called).
    /// An action that cannot be stopped half-way (a cold migration, a resize, a service change) is left to finish
    /// and keeps its real outcome, rather than being cut off with the cloud mid-change.
    /// </summary>
    bool CanAbort(JsonObject parameters) => true;

    /// <summary>Undo a completed action (rollback); true when reverted.</summary>
    Task<bool> RevertAsync(ActionContext context);

    /// <summary>
    /// The servers, hosts, nodes or volumes the action acts on, as "kind:id" (<see cref="Touched"/>): two plans touching
    /// one of them never run at once. The default reads resource_id.
    /// </summary>
    IEnumerable<string> TouchedResources(JsonObject parameters) =>
        Touched.Read(parameters, "resource_id", Touched.Resource);

    /// <summary>
    /// After a crash of the process that ran it: what became of an execution left ONGOING, read from the cloud
    /// (waiting for work the cloud still does). Never issues the action again. The default — for actions that change
    /// nothing in the cloud — is "not applied".
    /// </summary>
    Task<Reconciliation> ReconcileAsync(ActionContext context) =>
        Task.FromResult(Reconciliation.NotApplied("it changes nothing in the cloud"));
}

/// <summary>What an interrupted execution turned out to have done (see <see cref="IAction.ReconcileAsync"/>).</summary>
public sealed record Reconciliation(ReconciledState State, string Reason)
{
    public static Reconciliation Applied(string reason) => new(ReconciledState.Applied, reason);
    public static Reconciliation NotApplied(string reason) => new(ReconciledState.NotApplied, reason);
    public static Reconciliation Failed(string reason) => new(ReconciledState.Failed, reason);
}

public enum ReconciledState
{
    /// <summary>The cloud shows the action's effect: the action SUCCEEDED.</summary>
    Applied,
    /// <summary>The cloud shows no effect: the action is CANCELLED like the actions that never started.</summary>
    NotApplied,
    /// <summary>The cloud tried and failed (a migration ended in ERROR): the action FAILED.</summary>
    Failed,
}

/// <summary>Resource keys of <see cref="IAction.TouchedResources"/>: "server:&lt;uuid&gt;", "host:&lt;hostname&gt;"...</summary>
public static class Touched
{
    public const string Server = "server", Host = "host", Node = "node", Volume = "volume", Pool = "pool", Resource = "resource";

    /// <summary>"kind:value" for each named string parameter that is set.</summary>
    public static IEnumerable<string> Read(JsonObject parameters, string name, string kind) =>
        parameters[name] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? [$"{kind}:{s}"] : [];

    /// <summary>"server 5e00..." for messages.</summary>
    public static string Describe(string key) => key.Replace(':', ' ');
}

/// <summary>What one action execution gets: its UUID, validated parameters, the cloud, time and cancellation.</summary>
public sealed record ActionContext(
    string ActionUuid,
    JsonObject Parameters,
    IComputeCloud Compute,
    TimeProvider Time,
    CancellationToken CancellationToken = default)
{
    public string? GetString(string name) => Parameters[name]?.GetValue<string>();
    public string ResourceId => GetString("resource_id") ?? "";

    /// <summary>Told when the cloud accepted a change that holds resources while it runs (a migration started).</summary>
    public Func<string, Task>? OnCloudChanged { get; init; }

    /// <summary>Lets the compute model count the change in flight (both hosts of a migration) while it runs.</summary>
    public Task CloudChangedAsync(string what) => OnCloudChanged?.Invoke(what) ?? Task.CompletedTask;
}

/// <summary>Pre-condition found nothing to do: the action becomes SKIPPED ("Action was skipped automatically: ...").</summary>
public sealed class ActionSkippedException(string message) : Exception(message);

/// <summary>A phase failed: the action becomes FAILED with this reason.</summary>
public sealed class ActionFailedException(string message) : Exception(message);
