using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Watcher.Modules.Operations.Memory;

/// <summary>Watcher:Memory — how the process gives memory back (ADR 55, ADR 56).</summary>
public sealed class MemoryOptions
{
    public const string Section = "Watcher:Memory";

    /// <summary>Seconds between two trims (the C library's heap, and the managed heap when idle); 0 turns them off.</summary>
    public double NativeTrimInterval { get; set; } = 60;

    /// <summary>Whether the file pages read while starting are handed back to the kernel once start-up is over.</summary>
    public bool ReleaseStartupPages { get; set; } = true;
}

/// <summary>
/// Every interval, trims the C library's heap (<see cref="NativeHeap"/>), and when the process was idle (it allocated
/// less than <see cref="IdleAllocation"/> since the last trim) first compacts the managed heap: an idle process
/// allocates too little to ever trigger a collection, so its garbage and the memory the collector committed for it
/// would stay resident for hours. Under load the collection is left to the collector.
/// </summary>
public sealed partial class MemoryTrimmer : BackgroundService
{
    /// <summary>What counts as idle between two trims: a busy process allocates hundreds of megabytes a minute.</summary>
    public const long IdleAllocation = 32 << 20;

    private readonly IOptions<MemoryOptions> _options;
    private readonly ILogger<MemoryTrimmer> _logger;
    private readonly Func<bool> _trim;
    private readonly Action _collect;
    private readonly long _idleAllocation;

    public MemoryTrimmer(IOptions<MemoryOptions> options, ILogger<MemoryTrimmer> logger)
        : this(options, logger, NativeHeap.Trim, () => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true), IdleAllocation)
    {
    }

    internal MemoryTrimmer(IOptions<MemoryOptions> options, ILogger<MemoryTrimmer> logger, Func<bool> trim, Action collect, long idleAllocation)
    {
        _options = options;
        _logger = logger;
        _trim = trim;
        _collect = collect;
        _idleAllocation = idleAllocation;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = _options.Value.NativeTrimInterval;
        if (seconds <= 0) return;
        var glibc = true;
        try
        {
            var allocated = GC.GetTotalAllocatedBytes();
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), stoppingToken);
                if (GC.GetTotalAllocatedBytes() - allocated < _idleAllocation) _collect();
                allocated = GC.GetTotalAllocatedBytes();
                if (!glibc || _trim()) continue;
                glibc = false;
                LogNoGlibc();   // not glibc: nothing to trim this way, and never will be
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Debug, "The C library has no malloc_trim here (not glibc): the native heap is not trimmed")]
    private partial void LogNoGlibc();
}
