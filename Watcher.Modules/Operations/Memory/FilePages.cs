using System.Globalization;
using System.Runtime.InteropServices;

namespace Watcher.Modules.Operations.Memory;

/// <summary>
/// The file pages mapped into the process: the assemblies' code and metadata, the runtime, native libraries. Starting
/// up reads far more of them than an idle or serving process ever touches again (EF building its model, migrations,
/// dependency injection, the catalog sync), and they stay resident, counted in the process's memory, until the
/// kernel runs short. <see cref="Release"/> hands them back at once (MADV_PAGEOUT): a page needed again is read back
/// on first touch, a page another process also maps is left alone, and no data can be lost, since these pages are
/// clean copies of files on disk.
/// </summary>
public static class FilePages
{
    private const int MadvPageout = 21;   // Linux 5.4 and later
    private const int EInval = 22;

    /// <summary>Bytes of file mappings advised; 0 where the kernel cannot (not Linux, before 5.4) or nothing was mapped.</summary>
    public static long Release()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        long advised = 0;
        foreach (var mapping in FileMappings(File.ReadLines("/proc/self/maps")))
        {
            if (Madvise(mapping.Start, (nuint)mapping.Length, MadvPageout) == 0)
                advised += mapping.Length;
            else if (Marshal.GetLastPInvokeError() == EInval)
                return advised;   // a kernel without MADV_PAGEOUT: no other mapping will take it either
            // otherwise (ENOMEM) the mapping went away since /proc/self/maps was read: on to the next
        }
        return advised;
    }

    /// <summary>
    /// The mappings of regular files in /proc/self/maps lines ("start-end perms offset dev inode path"): not anonymous
    /// memory, the stack or heap, devices, or the runtime's memfd double mapping of executable memory.
    /// </summary>
    internal static IEnumerable<(nint Start, long Length)> FileMappings(IEnumerable<string> maps)
    {
        foreach (var line in maps)
        {
            var fields = line.Split(' ', 6, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 6) continue;
            var path = fields[5].Trim();
            if (!path.StartsWith('/') || path.StartsWith("/dev/", StringComparison.Ordinal) || path.StartsWith("/memfd:", StringComparison.Ordinal))
                continue;
            var range = fields[0].Split('-');
            if (range.Length != 2
                || !long.TryParse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var start)
                || !long.TryParse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var end)
                || end <= start)
                continue;
            yield return ((nint)start, end - start);
        }
    }

    [DllImport("libc.so.6", EntryPoint = "madvise", SetLastError = true)]
    private static extern int Madvise(nint address, nuint length, int advice);
}
