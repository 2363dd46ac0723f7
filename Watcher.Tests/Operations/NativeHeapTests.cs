using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Operations.Memory;

namespace Watcher.Tests.Operations;

/// <summary>The C library's heap is trimmed at start and every interval, so an idle process gives back what it freed.</summary>
public sealed class NativeHeapTests
{
    [Fact]
    public void OnGlibcLinux_TheTrimBindsAndRuns()
    {
        // The machines we ship for and test on are Debian (glibc): the P/Invoke must find malloc_trim there.
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.Trim());
    }

    [Fact]
    public async Task TheTrimmer_TrimsEveryInterval_UntilStopped()
    {
        var trims = 0;
        var trimmer = new NativeHeapTrimmer(Options.Create(new MemoryOptions { NativeTrimInterval = 0.05 }),
            NullLogger<NativeHeapTrimmer>.Instance, () => { Interlocked.Increment(ref trims); return true; });
        await trimmer.StartAsync(CancellationToken.None);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Volatile.Read(ref trims) < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(Volatile.Read(ref trims) >= 3, $"{trims} trims in 10 s at a 50 ms interval");
        await trimmer.StopAsync(CancellationToken.None);
        var afterStop = Volatile.Read(ref trims);
        await Task.Delay(200);
        Assert.Equal(afterStop, Volatile.Read(ref trims));
    }

    [Fact]
    public async Task TheTrimmer_WithIntervalZero_NeverTrims_AndWithoutGlibc_StopsAfterTheFirstTry()
    {
        var off = 0;
        var disabled = new NativeHeapTrimmer(Options.Create(new MemoryOptions { NativeTrimInterval = 0 }),
            NullLogger<NativeHeapTrimmer>.Instance, () => { off++; return true; });
        await disabled.StartAsync(CancellationToken.None);
        await Task.Delay(200);
        await disabled.StopAsync(CancellationToken.None);
        Assert.Equal(0, off);

        var tries = 0;
        var noGlibc = new NativeHeapTrimmer(Options.Create(new MemoryOptions { NativeTrimInterval = 0.02 }),
            NullLogger<NativeHeapTrimmer>.Instance, () => { Interlocked.Increment(ref tries); return false; });
        await noGlibc.StartAsync(CancellationToken.None);
        await Task.Delay(300);
        await noGlibc.StopAsync(CancellationToken.None);
        Assert.Equal(1, tries);
    }
}
