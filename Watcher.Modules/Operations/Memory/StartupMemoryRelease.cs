using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Watcher.Modules.Operations.Memory;

/// <summary>
/// Once start-up is over (the host started, the job servers, first model syncs and jobs with it), gives back what
/// only starting needed: the managed heap's start-up garbage (one aggressive collection), the C library's freed
/// arenas (<see cref="NativeHeap"/>) and, unless Watcher:Memory:ReleaseStartupPages is false, the file pages start-up
/// read (<see cref="FilePages"/>). An idle process then holds about what it uses (ADR 56).
/// </summary>
public sealed partial class StartupMemoryRelease : BackgroundService
{
    private readonly IHostApplicationLifetime _lifetime;
    private readonly IOptions<MemoryOptions> _options;
    private readonly ILogger<StartupMemoryRelease> _logger;
    private readonly Func<long> _releasePages;
    private readonly TimeSpan _settle;

    public StartupMemoryRelease(IHostApplicationLifetime lifetime, IOptions<MemoryOptions> options, ILogger<StartupMemoryRelease> logger)
        // Five seconds after the host's start: the job servers have started and the first scheduled work has run.
        : this(lifetime, options, logger, FilePages.Release, TimeSpan.FromSeconds(5))
    {
    }

    internal StartupMemoryRelease(IHostApplicationLifetime lifetime, IOptions<MemoryOptions> options,
        ILogger<StartupMemoryRelease> logger, Func<long> releasePages, TimeSpan settle)
    {
        _lifetime = lifetime;
        _options = options;
        _logger = logger;
        _releasePages = releasePages;
        _settle = settle;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var started = new TaskCompletionSource();
            await using (_lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
                await started.Task.WaitAsync(stoppingToken);
            await Task.Delay(_settle, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        var before = Environment.WorkingSet;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        NativeHeap.Trim();
        var pages = _options.Value.ReleaseStartupPages ? _releasePages() : 0;
        LogReleased(before >> 20, Environment.WorkingSet >> 20, pages > 0 ? "handed back" : "kept");
    }

    [LoggerMessage(LogLevel.Information, "Start-up memory given back: resident {Before} MB -> {After} MB (start-up's file pages {Pages})")]
    private partial void LogReleased(long before, long after, string pages);
}
