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

    /// <summary>Undo a completed action (rollback); true when reverted.</summary>
    Task<bool> RevertAsync(ActionContext context);
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
}

/// <summary>Pre-condition found nothing to do: the action becomes SKIPPED ("Action was skipped automatically: ...").</summary>
public sealed class ActionSkippedException(string message) : Exception(message);

/// <summary>A phase failed: the action becomes FAILED with this reason.</summary>
public sealed class ActionFailedException(string message) : Exception(message);
