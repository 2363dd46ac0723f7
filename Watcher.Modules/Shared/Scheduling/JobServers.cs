using Hangfire;
using Hangfire.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// The Hangfire servers of this process: one per named queue, each with its own worker count (Hangfire gives
/// one count per server). The housekeeping server also runs the delayed/recurring schedulers and the
/// per-process background loops (heartbeat, model sync); the others are lightweight.
/// </summary>
/// <remarks>
/// Stop (SIGTERM): every server stops fetching at once; jobs already running keep going for their queue's
/// grace, then their cancellation token fires; the process row is marked stopped once they have all ended,
/// and it keeps beating meanwhile so no other process mistakes a slow stop for a death.
/// </remarks>
public sealed partial class JobServers(
    IServiceProvider services, JobStorage storage, IEnumerable<JobQueue> queues, IOptions<JobsOptions> options,
    ProcessIdentity me, ProcessRegistry registry, IHostApplicationLifetime lifetime, ILogger<JobServers> log) : IHostedService
{
    private BackgroundJobServer[] _servers = [];
    // A host may call StopAsync twice at once (the test host does, then disposes the container as soon as the
    // second returns): both wait for the one stop.
    private readonly object _stopGate = new();
    private Task? _stopping;

    public bool Enabled => options.Value.ProcessJobs;

    /// <summary>The named queues (with the housekeeping one).</summary>
    public IReadOnlyList<string> QueueNames => AllQueues().Select(q => q.Name).ToList();

    /// <summary>The server names of this process (Hangfire appends its own suffix to each).</summary>
    public IReadOnlyList<string> ServerNames => AllQueues().Select(q => ServerName(q.Name)).ToList();

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!Enabled) return Task.CompletedTask;
        HangfireLogBridge.Attach(services.GetRequiredService<ILoggerFactory>());
        var activator = services.GetRequiredService<JobActivator>();
        var polling = TimeSpan.FromSeconds(Math.Max(0.1, options.Value.SchedulePollingInterval));
        var started = new List<BackgroundJobServer>();
        foreach (var queue in AllQueues())
        {
            var housekeeping = queue.Name == JobQueues.Housekeeping;
            var grace = queue.StopGrace(services);
            var serverOptions = new BackgroundJobServerOptions
            {
                ServerName = ServerName(queue.Name),
                Queues = [queue.Name],
                WorkerCount = Math.Max(1, queue.Workers(services)),
                IsLightweightServer = !housekeeping,
                SchedulePollingInterval = polling,
                Activator = activator,
                StopTimeout = grace,
                ShutdownTimeout = grace + TimeSpan.FromSeconds(60),
            };
            var loops = housekeeping ? services.GetServices<IBackgroundProcess>() : [];
            started.Add(new BackgroundJobServer(serverOptions, storage, loops));
            LogServerStarted(queue.Name, serverOptions.WorkerCount);
        }
        _servers = started.ToArray();
        lifetime.ApplicationStopping.Register(() => SendStop(_servers));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_stopGate) _stopping ??= StopOnceAsync(cancellationToken);
        return _stopping.WaitAsync(cancellationToken);
    }

    private async Task StopOnceAsync(CancellationToken cancellationToken)
    {
        var servers = Interlocked.Exchange(ref _servers, []);
        if (servers.Length == 0) return;
        SendStop(servers);
        using var beating = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var beat = registry.KeepBeatingAsync(beating.Token);
        try
        {
            await Task.WhenAll(servers.Select(s => s.WaitForShutdownAsync(cancellationToken)));
        }
        catch (OperationCanceledException)
        {
            LogShutdownTimedOut();
        }
        finally
        {
            await beating.CancelAsync();
            await beat;
        }
        foreach (var server in servers) server.Dispose();
        await registry.MarkStoppedAsync(CancellationToken.None);
        LogStopped(me.InstanceId);
    }

    private static void SendStop(BackgroundJobServer[] servers)
    {
        foreach (var server in servers)
        {
            try
            {
                server.SendStop();
            }
            catch (ObjectDisposedException)
            {
                // Already stopped.
            }
        }
    }

    private IEnumerable<JobQueue> AllQueues()
    {
        var all = queues.GroupBy(q => q.Name).Select(g => g.Last()).ToList();
        if (all.All(q => q.Name != JobQueues.Housekeeping))
            all.Insert(0, new JobQueue(JobQueues.Housekeeping, _ => options.Value.HousekeepingWorkers, _ => TimeSpan.Zero));
        return all;
    }

    private string ServerName(string queue) => $"{me.Host}:{me.InstanceId[..8]}:{queue}".ToLowerInvariant();

    [LoggerMessage(Level = LogLevel.Information, Message = "Job server for queue {Queue} started with {Workers} workers")]
    private partial void LogServerStarted(string queue, int workers);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job servers did not stop within the host's shutdown timeout")]
    private partial void LogShutdownTimedOut();

    [LoggerMessage(Level = LogLevel.Information, Message = "Job servers stopped; process {InstanceId} marked stopped")]
    private partial void LogStopped(string instanceId);
}
