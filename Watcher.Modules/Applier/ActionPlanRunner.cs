using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Watcher.Modules.Applier;

/// <summary>
/// The applier's background worker: `Workers` consumers draining the plan queue (upstream default 1: plans run
/// one at a time). Its start-up clean-up (<see cref="ApplierStartup"/>) runs with the other modules' start-up work
/// (<see cref="ApplierModule.StartApplierAsync"/>), which waits for the database when a storage fault stops it.
/// </summary>
internal sealed partial class ActionPlanRunner(
    ActionPlanQueue queue, ActionPlanExecutor executor, IOptions<ApplierOptions> options,
    ILogger<ActionPlanRunner> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(_ => ConsumeAsync(stoppingToken)));

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var planUuid in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await executor.RunAsync(planUuid, stoppingToken);
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogPlanCrashed(planUuid, e); // one bad plan must not stop the worker
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; plans left ONGOING are cancelled at the next start (reference §9.7).
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Executing action plan {PlanUuid} crashed")]
    private partial void LogPlanCrashed(string planUuid, Exception exception);
}
