using Microsoft.Extensions.Hosting;
using Quartz;
using Watcher.Modules.Shared.Operations;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// Today's job server: the Quartz scheduler (continuous audits, model sync, heartbeats, expiry) and the background
/// workers draining the in-process queues (audits, action plans). Running means the scheduler is started and not in
/// standby, and no background worker has stopped (a worker whose loop ended or crashed no longer takes work).
/// </summary>
public sealed class QuartzJobServerStatus(ISchedulerFactory schedulers, IEnumerable<IHostedService> hosted) : IJobServerStatus
{
    public async Task<JobServerState> CheckAsync(CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var status = await scheduler.GetStatus(ct);
        if (status != SchedulerStatus.Running)
            return new JobServerState(false, $"the Quartz scheduler is {status.ToString().ToLowerInvariant()}, not running");
        var stopped = hosted.OfType<BackgroundService>()
            .Where(s => s.ExecuteTask is { IsCompleted: true })
            .Select(s => s.GetType().Name)
            .ToList();
        return stopped.Count == 0
            ? new JobServerState(true, "the Quartz scheduler and the queue workers are running")
            : new JobServerState(false, $"background workers stopped: {string.Join(", ", stopped)}");
    }
}
