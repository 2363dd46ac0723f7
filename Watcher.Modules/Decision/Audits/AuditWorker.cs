using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Watcher.Modules.Decision.Audits;

/// <summary>Drains the audit queue with MaxAuditWorkers consumers; each audit runs in its own DI scope.</summary>
public sealed partial class AuditWorker(
    AuditQueue queue,
    IServiceScopeFactory scopes,
    IOptions<DecisionEngineOptions> options,
    ILogger<AuditWorker> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.MaxAuditWorkers)).Select(_ => ConsumeAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await foreach (var auditUuid in queue.ReadAllAsync(stoppingToken))
        {
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
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit {AuditUuid} could not be run")]
    private partial void LogRunCrashed(Exception ex, string auditUuid);
}
