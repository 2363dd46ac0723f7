using System.IO.MemoryMappedFiles;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Operations.Memory;

namespace Watcher.Tests.Operations;

/// <summary>Start-up's memory goes back once start-up is over: garbage, freed native arenas, and the file pages it read.</summary>
public sealed partial class StartupMemoryReleaseTests
{
    [Fact]
    public void FileMappings_AreRegularFiles_NotAnonymousMemoryDevicesOrTheRuntimesDoubleMapping()
    {
        var maps = new[]
        {
            "7f0b7be70000-7f0b7bef0000 r-xp 00000000 00:00 0 ",
            "5623d336d000-5623d3c44000 rw-p 00000000 00:00 0                          [heap]",
            "7f0bfa5bf000-7f0bfa6ee000 r--p 00000000 fd:01 1234                       /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/System.Private.CoreLib.dll",
            "7f0bfa6ee000-7f0bfa700000 r-xp 00012000 fd:01 99                         /usr/lib/x86_64-linux-gnu/libc.so.6",
            "7f0b83b80000-7f0b83b90000 rw-s 00000000 00:01 77                         /memfd:doublemapper (deleted)",
            "7f0b83c00000-7f0b83c01000 rw-s 00000000 00:06 5                          /dev/zero (deleted)",
            "7ffd1a2b3000-7ffd1a2d4000 rw-p 00000000 00:00 0                          [stack]",
            "not a mapping line",
        };
        var files = FilePages.FileMappings(maps).ToList();
        Assert.Equal([((nint)0x7f0bfa5bf000, 0x12f000L), ((nint)0x7f0bfa6ee000, 0x12000L)], files);
    }

    [Fact]
    public void Release_HandsAMappedFilesTouchedPagesBack_AndTheyReadBackUnchanged()
    {
        if (!OperatingSystem.IsLinux()) return;
        var path = Path.Combine(Path.GetTempPath(), $"watcher-pages-{Guid.NewGuid():N}");
        try
        {
            var content = new byte[8 << 20];
            new Random(7).NextBytes(content);
            File.WriteAllBytes(path, content);
            using var file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
            using var view = file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
            long sum = 0;
            for (var offset = 0; offset < content.Length; offset += 4096) sum += view.ReadByte(offset);
            Assert.True(ResidentKb(path) >= 6 * 1024, $"{ResidentKb(path)} kB of the 8 MB file resident after reading it");

            Assert.True(FilePages.Release() >= content.Length);

            Assert.True(ResidentKb(path) < 1024, $"{ResidentKb(path)} kB of the file still resident after the release");
            var again = new byte[content.Length];
            view.ReadArray(0, again, 0, again.Length);
            Assert.Equal(content, again);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task TheRelease_ComesOnceAfterTheHostStarted_AndKeepsThePagesWhenTurnedOff()
    {
        foreach (var release in new[] { true, false })
        {
            var lifetime = new Lifetime();
            var calls = 0;
            var service = new StartupMemoryRelease(lifetime, Options.Create(new MemoryOptions { ReleaseStartupPages = release }),
                NullLogger<StartupMemoryRelease>.Instance, () => { Interlocked.Increment(ref calls); return 1; }, TimeSpan.FromMilliseconds(50));
            await service.StartAsync(CancellationToken.None);
            await Task.Delay(300);
            Assert.Equal(0, calls);   // not before the host has started

            lifetime.Start();
            await service.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(release ? 1 : 0, calls);
            await service.StopAsync(CancellationToken.None);
        }
    }

    private static long ResidentKb(string path)
    {
        long kb = 0;
        var inMapping = false;
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            if (MappingHeader().IsMatch(line))
                inMapping = line.EndsWith(path, StringComparison.Ordinal);
            else if (inMapping && line.StartsWith("Rss:", StringComparison.Ordinal))
                kb += long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        }
        return kb;
    }

    [GeneratedRegex("^[0-9a-f]+-[0-9a-f]+ ")]
    private static partial Regex MappingHeader();

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _started = new();
        public CancellationToken ApplicationStarted => _started.Token;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void Start() => _started.Cancel();
        public void StopApplication() { }
    }
}
