using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Watcher.Modules.Operations.Memory;

/// <summary>Watcher:Memory:NativeTrimInterval — seconds between two trims of the C library's heap; 0 turns it off.</summary>
public sealed class MemoryOptions
{
    public const string Section = "Watcher:Memory";
    public double NativeTrimInterval { get; set; } = 60;
}

/// <summary>
/// Trims the C library's heap (<see cref="NativeHeap"/>) every minute, so a long-running process holds what it uses
/// rather than what it once used. It runs off the request path and returns only pages that are free.
/// </summary>
public sealed partial class NativeHeapTrimmer : BackgroundService
{
    private readonly IOptions<MemoryOptions> _options;
    private readonly ILogger<NativeHeapTrimmer> _logger;
    private readonly Func<bool> _trim;

    public NativeHeapTrimmer(IOptions<MemoryOptions> options, ILogger<NativeHeapTrimmer> logger)
        : this(options, logger, NativeHeap.Trim)
    {
    }

    internal NativeHeapTrimmer(IOptions<MemoryOptions> options, ILogger<NativeHeapTrimmer> logger, Func<bool> trim)
    {
        _options = options;
        _logger = logger;
        _trim = trim;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = _options.Value.NativeTrimInterval;
        if (seconds <= 0) return;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(seconds), stoppingToken);
                if (_trim()) continue;
                LogNoGlibc();   // not glibc: nothing to trim this way, and never will be
                return;
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(LogLevel.Debug, "The C library has no malloc_trim here (not glibc): the native heap is not trimmed")]
    private partial void LogNoGlibc();
}
