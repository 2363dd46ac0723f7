using MediatR;

namespace Watcher.Modules.Decision.Contracts;

/// <summary>Upstream's trigger_audit cast: the decision engine queues the audit and runs it in the background.</summary>
public sealed record TriggerAudit(string AuditUuid) : INotification;
