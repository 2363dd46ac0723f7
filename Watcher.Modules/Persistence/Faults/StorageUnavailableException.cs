using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Persistence.Faults;

/// <summary>503: the database cannot serve the request because of a storage fault; the message names the cause.</summary>
public sealed class StorageUnavailableException(StorageFault fault) : WatcherException(503, fault.Message)
{
    public StorageFault Fault { get; } = fault;
}
