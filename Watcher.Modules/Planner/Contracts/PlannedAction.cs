using System.Text.Json.Nodes;

namespace Watcher.Modules.Planner.Contracts;

/// <summary>
/// An action placed in an action plan: its UUID and the UUIDs of the actions that must finish before it.
/// <c>Parents</c> is null for planners that leave it unset (upstream shows <c>null</c> for those).
/// </summary>
public sealed record PlannedAction(string Uuid, string ActionType, JsonObject InputParameters, IReadOnlyList<string>? Parents);

/// <summary>The planner could not order the solution (e.g. an action type without a weight); the audit FAILS.</summary>
public sealed class PlanningFailedException(string message) : Exception(message);
