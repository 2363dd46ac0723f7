using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Operations.Memory;

namespace Watcher.Tests.Operations;

/// <summary>Every interval the C library's heap is trimmed, and the managed heap compacted when the process was idle.</summary>
public sealed class MemoryTrimmerTests
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
        var trimmer = new MemoryTrimmer(Options.Create(new MemoryOptions { NativeTrimInterval = 0.05 }),
            NullLogger<MemoryTrimmer>.Instance, () => { Interlocked.Increment(ref trims); return true; }, () => { }, MemoryTrimmer.IdleAllocation);
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
        var disabled = new MemoryTrimmer(Options.Create(new MemoryOptions { NativeTrimInterval = 0 }),
            NullLogger<MemoryTrimmer>.Instance, () => { off++; return true; }, () => off++, MemoryTrimmer.IdleAllocation);
        await disabled.StartAsync(CancellationToken.None);
        await Task.Delay(200);
        await disabled.StopAsync(CancellationToken.None);
        Assert.Equal(0, off);

        var tries = 0;
        var noGlibc = new MemoryTrimmer(Options.Create(new MemoryOptions { NativeTrimInterval = 0.02 }),
            NullLogger<MemoryTrimmer>.Instance, () => { Interlocked.Increment(ref tries); return false; }, () => { }, MemoryTrimmer.IdleAllocation);
        await noGlibc.StartAsync(CancellationToken.None);
        await Task.Delay(300);
        await noGlibc.StopAsync(CancellationToken.None);
        Assert.Equal(1, tries);
    }

    [Fact]
    public async Task AnIdleProcess_IsCompactedAtEveryTrim_ABusyOneIsLeftToTheCollector()
    {
        // Idle and busy are set by the threshold here (other tests allocate in this process meanwhile); the
        // threshold's own figure is MemoryTrimmer.IdleAllocation.
        foreach (var (threshold, compacts) in new[] { (long.MaxValue, true), (0L, false) })
        {
            var trims = 0;
            var collections = 0;
            var trimmer = new MemoryTrimmer(Options.Create(new MemoryOptions { NativeTrimInterval = 0.05 }), NullLogger<MemoryTrimmer>.Instance,
                () => { Interlocked.Increment(ref trims); return true; }, () => Interlocked.Increment(ref collections), threshold);
            await trimmer.StartAsync(CancellationToken.None);
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (Volatile.Read(ref trims) < 3 && DateTime.UtcNow < deadline) await Task.Delay(20);
            await trimmer.StopAsync(CancellationToken.None);
            Assert.True(trims >= 3);
            if (compacts) Assert.True(collections >= trims - 1, $"{collections} compactions for {trims} trims when idle");
            else Assert.Equal(0, collections);
        }
    }
}
