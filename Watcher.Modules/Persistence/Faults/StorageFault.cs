namespace Watcher.Modules.Persistence.Faults;

/// <summary>What went wrong with the storage under Watcher's database, in an operator's words.</summary>
public enum StorageFaultKind
{
    /// <summary>No space left for the database (SQLITE_FULL, PostgreSQL 53100).</summary>
    DiskFull,
    /// <summary>The database or its directory cannot be written (read-only mount, permissions).</summary>
    ReadOnly,
    /// <summary>The database file was deleted or replaced under the running process.</summary>
    FileMissing,
    /// <summary>The database cannot be opened or reached at all.</summary>
    Unavailable,
    /// <summary>The disk answered a read or write with an I/O error.</summary>
    IoError,
    /// <summary>The file is not a (sound) database.</summary>
    Corrupt,
}

/// <summary>A storage fault: its kind, the sentence an operator reads, and when it was first seen.</summary>
public sealed record StorageFault(StorageFaultKind Kind, string Cause, DateTimeOffset Since)
{
    /// <summary>The faultstring of the 503 the API answers while this fault lasts.</summary>
    public string Message => $"Watcher's database is unavailable: {Cause}.";

    /// <summary>Label value for metrics and logs: disk_full, read_only, file_missing...</summary>
    public string Label => LabelOf(Kind);

    public static string LabelOf(StorageFaultKind kind) => kind switch
    {
        StorageFaultKind.DiskFull => "disk_full",
        StorageFaultKind.ReadOnly => "read_only",
        StorageFaultKind.FileMissing => "file_missing",
        StorageFaultKind.Unavailable => "unavailable",
        StorageFaultKind.IoError => "io_error",
        _ => "corrupt",
    };
}
