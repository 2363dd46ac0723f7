using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Notifications;

namespace Watcher.Modules.Shared.Services;

/// <summary>[DEFAULT] service_down_time (read from Watcher:Api, where the API's services view reads it too).</summary>
public sealed class ServiceStatusOptions
{
    public const string Section = "Watcher:Api";
    public int ServiceDownTime { get; set; } = 90;

    public const string Active = "ACTIVE", Failed = "FAILED";

    public string StatusOf(Service service, DateTime now) => StatusOf(service, now, TimeSpan.FromSeconds(ServiceDownTime));

    /// <summary>ACTIVE when the last heartbeat (or the last write) is within service_down_time.</summary>
    public static string StatusOf(Service service, DateTime now, TimeSpan downTime)
    {
        var seen = service.LastSeenUp ?? service.UpdatedAt ?? service.CreatedAt;
        return (now - seen).Duration() <= downTime ? Active : Failed;
    }
}

/// <summary>
/// Upstream's service monitor (reference §12, §15): every heartbeat interval it computes each service's status and
/// emits service.update when a service it already watches changes between ACTIVE and FAILED (WARNING when it
/// failed, INFO when it came back). One process is the only "leader" here.
/// </summary>
public sealed partial class ServiceStatusMonitor(
    IServiceScopeFactory scopes,
    Notifier notifier,
    IOptions<ServiceStatusOptions> status,
    IOptions<ServiceHeartbeatOptions> heartbeat,
    TimeProvider time,
    ILogger<ServiceStatusMonitor> logger) : BackgroundService
{
    private readonly Dictionary<int, string> _known = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, heartbeat.Value.HeartbeatInterval)), time);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogCheckFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One round: statuses now, notifications for the changed ones.</summary>
    public async Task CheckAsync(CancellationToken ct)
    {
        List<Service> services;
        await using (var scope = scopes.CreateAsyncScope())
            services = await scope.ServiceProvider.GetRequiredService<WatcherDbContext>().Services.AsNoTracking().ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var events = new List<NotificationEvent>();
        foreach (var service in services)
        {
            var current = status.Value.StatusOf(service, now);
            if (_known.TryGetValue(service.Id, out var previous) && previous != current)
            {
                LogStatusChanged(service.Name, service.Host, previous, current);
                events.Add(new NotificationEvent("service.update",
                    current == ServiceStatusOptions.Failed ? NotificationPriority.Warning : NotificationPriority.Info,
                    Payloads.ServiceUpdate(service, previous, current)));
            }
            _known[service.Id] = current;
        }
        if (events.Count > 0) await notifier.PublishAsync(events, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service {Name} on {Host} changed from {Previous} to {Current}")]
    private partial void LogStatusChanged(string name, string host, string previous, string current);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service status check failed")]
    private partial void LogCheckFailed(Exception ex);
}
