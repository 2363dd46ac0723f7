using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Shared.Services;

/// <summary>
/// This process's row in `processes` and its services' rows in `services`: written at start (before any job
/// can claim work), refreshed on every heartbeat, marked stopped after a graceful stop.
/// </summary>
public sealed partial class ProcessRegistry(
    IServiceScopeFactory scopes, ProcessIdentity me, IEnumerable<ServiceName> services,
    IOptions<ServiceHeartbeatOptions> options, ILogger<ProcessRegistry> log)
{
    public TimeSpan Interval => TimeSpan.FromSeconds(Math.Max(1, options.Value.HeartbeatInterval));

    /// <summary>One beat: the process row and every service row of this host are seen up now.</summary>
    public async Task BeatAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
        var now = db.UtcNow;
        var row = await db.Processes.SingleOrDefaultAsync(p => p.InstanceId == me.InstanceId, ct);
        if (row is null) db.Processes.Add(new WatcherProcess { InstanceId = me.InstanceId, Host = me.Host, StartedAt = now, LastSeenUp = now });
        else row.LastSeenUp = now;
        await db.SaveChangesAsync(ct);
        // One row per start: rows silent for a week only ever said "dead" (their work was recovered long ago).
        var forgotten = now - TimeSpan.FromDays(7);
        await db.Processes.Where(p => p.LastSeenUp < forgotten).ExecuteDeleteAsync(ct);
        foreach (var name in services.Select(s => s.Name).Distinct())
            await ServiceHeartbeat.BeatAsync(db, name, me.Host, ct);
    }

    /// <summary>Beats every interval until cancelled (used while a stop lets running work finish).</summary>
    public async Task KeepBeatingAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(Interval, ct);
                await TryBeatAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    /// <summary>A missed beat only makes the process look dead later; the next one retries.</summary>
    public async Task TryBeatAsync(CancellationToken ct)
    {
        try
        {
            await BeatAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBeatFailed(ex, me.InstanceId);
        }
    }

    /// <summary>After a graceful stop: nothing of this process is left running, nobody needs to wait for it.</summary>
    public async Task MarkStoppedAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<WatcherDbContext>();
            var row = await db.Processes.SingleOrDefaultAsync(p => p.InstanceId == me.InstanceId, ct);
            if (row is null) return;
            row.StoppedAt = db.UtcNow;
            await db.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBeatFailed(ex, me.InstanceId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of process {InstanceId} failed")]
    private partial void LogBeatFailed(Exception ex, string instanceId);
}
