using System.Threading.Channels;
using MediatR;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Shared.Operations;

namespace Watcher.Modules.Decision.Audits;

/// <summary>Audits waiting for a decision-engine worker (upstream: the trigger_audit cast onto a thread pool).</summary>
public sealed class AuditQueue : IJobQueueLengths
{
    private readonly Channel<string> _channel = Channel.CreateUnbounded<string>();

    public IEnumerable<JobQueueLength> Measure() => [new("audits", _channel.Reader.Count)];

    public void Enqueue(string auditUuid) => _channel.Writer.TryWrite(auditUuid);

    public IAsyncEnumerable<string> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>TriggerAudit returns at once: the audit is queued, never run on the caller's thread.</summary>
public sealed class EnqueueTriggeredAudit(AuditQueue queue) : INotificationHandler<TriggerAudit>
{
    public Task Handle(TriggerAudit notification, CancellationToken cancellationToken)
    {
        queue.Enqueue(notification.AuditUuid);
        return Task.CompletedTask;
    }
}
