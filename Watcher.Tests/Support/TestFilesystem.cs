using System.Diagnostics;

namespace Watcher.Tests.Support;

/// <summary>
/// A small tmpfs mounted for one test: a real disk that fills up (ENOSPC) and that can be remounted read-only
/// (EROFS). Both stop root too — the tests run as root, here and in CI, and root writes through chmod.
/// Mounting needs root with CAP_SYS_ADMIN, which this project's machines and CI give.
/// </summary>
public sealed class TestFilesystem : IDisposable
{
    private FileStream? _filler;

    public TestFilesystem(int sizeMegabytes = 16)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "watcher-fs-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
        Run(true, "mount", "-t", "tmpfs", "-o", $"size={sizeMegabytes}m,mode=0755", "watcher-test", Path);
    }

    public string Path { get; }

    /// <summary>Writes a filler file until the filesystem answers "No space left on device".</summary>
    public void Fill()
    {
        _filler = new FileStream(System.IO.Path.Combine(Path, "filler"), FileMode.Create, FileAccess.Write, FileShare.None, 1);
        foreach (var size in new[] { 1 << 16, 512 })
        {
            var block = new byte[size];
            try
            {
                while (true) _filler.Write(block);
            }
            catch (IOException)
            {
            }
        }
    }

    /// <summary>Deletes the filler: the space is back.</summary>
    public void Free()
    {
        try { _filler?.Dispose(); } catch (IOException) { }
        _filler = null;
        File.Delete(System.IO.Path.Combine(Path, "filler"));
    }

    /// <summary>Remounts read-only. Refused (EBUSY) while a process holds a file there open for writing.</summary>
    public void MakeReadOnly() => Run(true, "mount", "-o", "remount,ro", Path);

    public void MakeWritable() => Run(true, "mount", "-o", "remount,rw", Path);

    public void Dispose()
    {
        try { _filler?.Dispose(); } catch (IOException) { }
        Run(false, "umount", "-l", Path);
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }

    private static void Run(bool check, string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (check && process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {error}");
    }
}
