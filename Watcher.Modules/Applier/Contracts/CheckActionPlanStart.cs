using MediatR;

namespace Watcher.Modules.Applier.Contracts;

/// <summary>
/// Asked by the API before it moves a plan to PENDING: null when the applier would take it, else why it refuses
/// (with Watcher:Applier:ConflictingPlans = refuse, a plan acting on servers or hosts of an ONGOING plan) — the API
/// answers 409 with it and changes nothing. In "wait" mode the answer is always null: the plan waits its turn.
/// </summary>
public sealed record CheckActionPlanStart(string ActionPlanUuid) : IRequest<string?>;
