using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Watcher.Modules.Persistence;

namespace Watcher.Modules.Shared.Services;

/// <summary>Quartz job beating for the service named in its job data; first fire at start upserts the row.</summary>
public sealed partial class ServiceHeartbeatJob(
    WatcherDbContext db, IOptions<WatcherHostOptions> host, ILogger<ServiceHeartbeatJob> log) : IJob
{
    public const string ServiceNameKey = "service_name";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken ct)
    {
        var name = context.MergedJobDataMap.GetString(ServiceNameKey)
            ?? throw new InvalidOperationException("heartbeat job scheduled without a service name");
        try
        {
            await ServiceHeartbeat.BeatAsync(db, name, host.Value.Host, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A missed beat only makes the service look FAILED later; the next beat retries.
            LogBeatFailed(ex, name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Heartbeat of service {ServiceName} failed")]
    private partial void LogBeatFailed(Exception ex, string serviceName);
}
