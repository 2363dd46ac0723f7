using System.Runtime.InteropServices;

namespace Watcher.Modules.Persistence.Faults;

/// <summary>
/// Which file a path names right now: (device, inode) on Linux, read with statx(2), whose buffer layout is the same
/// on every architecture. A file deleted or replaced under a running process changes its identity (or loses it)
/// while the process's open descriptors keep pointing at the old one. Elsewhere only existence is compared.
/// </summary>
public readonly record struct FileIdentity(ulong Device, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const uint StatxIno = 0x100;

    /// <summary>The identity of the file at <paramref name="path"/>, or null when there is none.</summary>
    public static FileIdentity? Of(string path)
    {
        if (!OperatingSystem.IsLinux()) return File.Exists(path) ? new FileIdentity(0, 0) : null;
        var buffer = new byte[256];
        if (Statx(AtFdCwd, path, 0, StatxIno, buffer) != 0) return File.Exists(path) ? new FileIdentity(0, 0) : null;
        var inode = BitConverter.ToUInt64(buffer, 32);
        var major = BitConverter.ToUInt32(buffer, 136);
        var minor = BitConverter.ToUInt32(buffer, 140);
        return new FileIdentity(((ulong)major << 32) | minor, inode);
    }

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern int Statx(int directoryFd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte[] buffer);
}
