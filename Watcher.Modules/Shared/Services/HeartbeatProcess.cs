using Hangfire.Server;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Watcher.Modules.Shared.Services;

/// <summary>
/// The process heartbeat as a Hangfire background process (one per process, on the housekeeping server):
/// beat, then let the modules recover work of processes that stopped beating, then wait one interval.
/// </summary>
internal sealed partial class HeartbeatProcess(ProcessRegistry registry, IServiceScopeFactory scopes, ILogger<HeartbeatProcess> log)
    : IBackgroundProcess
{
    public void Execute(BackgroundProcessContext context)
    {
        // Hangfire runs each background process on a dedicated thread: blocking here is the intended use.
        RunOnceAsync(context.StoppingToken).GetAwaiter().GetResult();
        context.Wait(registry.Interval);
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await registry.TryBeatAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Publish(new RecoverOrphanedWork(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRecoveryFailed(ex);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovering the work of dead processes failed; the next heartbeat retries")]
    private partial void LogRecoveryFailed(Exception ex);
}
