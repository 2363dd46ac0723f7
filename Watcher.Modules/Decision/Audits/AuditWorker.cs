using System.Collections.Concurrent;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Watcher.Modules.Decision.Audits;

/// <summary>Drains the audit queue with MaxAuditWorkers consumers; each audit runs in its own DI scope.</summary>
/// <remarks>
/// One audit never runs twice at once: a trigger arriving while the same audit still runs (a short
/// continuous interval, a second webhook) is dropped, as upstream's one-instance-per-job scheduler does.
/// Otherwise two runs could each retire the older recommendations and leave two RECOMMENDED plans.
/// </remarks>
public sealed partial class AuditWorker(
    AuditQueue queue,
    IServiceScopeFactory scopes,
    IOptions<DecisionEngineOptions> options,
    ILogger<AuditWorker> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, byte> _running = new();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.MaxAuditWorkers)).Select(_ => ConsumeAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await foreach (var auditUuid in queue.ReadAllAsync(stoppingToken))
        {
            if (!_running.TryAdd(auditUuid, 0))
            {
                LogAlreadyRunning(auditUuid);
                continue;
            }
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunAudit(auditUuid), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRunCrashed(ex, auditUuid);
            }
            finally
            {
                _running.TryRemove(auditUuid, out _);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit {AuditUuid} is still running; this trigger is skipped")]
    private partial void LogAlreadyRunning(string auditUuid);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit {AuditUuid} could not be run")]
    private partial void LogRunCrashed(Exception ex, string auditUuid);
}
