using Microsoft.Extensions.Logging;

namespace Watcher.Modules.Cloud.Simulator;

internal static partial class SimulatorLog
{
    [LoggerMessage(EventId = 9100, Level = LogLevel.Information,
        Message = "Simulated cloud seeded from {ScenarioName}: {HostCount} hypervisors, {ServerCount} servers")]
    public static partial void Seeded(this ILogger logger, string scenarioName, int hostCount, int serverCount);

    [LoggerMessage(EventId = 9101, Level = LogLevel.Information,
        Message = "{Kind} migration of server {ServerId} from {Source} to {Destination} started ({Seconds}s simulated)")]
    public static partial void MigrationStarted(this ILogger logger, string kind, string serverId, string source, string destination, double seconds);

    [LoggerMessage(EventId = 9102, Level = LogLevel.Information,
        Message = "{Kind} migration of server {ServerId} to {Destination} completed")]
    public static partial void MigrationCompleted(this ILogger logger, string kind, string serverId, string destination);

    [LoggerMessage(EventId = 9103, Level = LogLevel.Warning,
        Message = "{Kind} migration of server {ServerId} to {Destination} failed on purpose (Watcher:Simulator:FailMigrationsOf)")]
    public static partial void MigrationFailed(this ILogger logger, string kind, string serverId, string destination);

    [LoggerMessage(EventId = 9104, Level = LogLevel.Information,
        Message = "Live migration of server {ServerId} aborted; it stays on {Source}")]
    public static partial void MigrationAborted(this ILogger logger, string serverId, string source);

    [LoggerMessage(EventId = 9105, Level = LogLevel.Information,
        Message = "nova-compute service on {Host} is now {Status} (reason: {Reason})")]
    public static partial void ServiceStatusChanged(this ILogger logger, string host, string status, string? reason);

    [LoggerMessage(EventId = 9106, Level = LogLevel.Information,
        Message = "Server {ServerId} is now {Status}")]
    public static partial void ServerStatusChanged(this ILogger logger, string serverId, string status);

    [LoggerMessage(EventId = 9107, Level = LogLevel.Information, Message = "Power {Target} of node {Host} requested")]
    public static partial void PowerChangeStarted(this ILogger logger, string host, string target);

    [LoggerMessage(EventId = 9108, Level = LogLevel.Information, Message = "Node {Host} is now powered {Target}")]
    public static partial void PowerChanged(this ILogger logger, string host, string target);

    [LoggerMessage(EventId = 9109, Level = LogLevel.Information,
        Message = "Simulated cloud state taken up from {Path}: the state a previous run left (version {Version})")]
    public static partial void StateRestored(this ILogger logger, string path, long version);

    [LoggerMessage(EventId = 9110, Level = LogLevel.Warning,
        Message = "Simulated cloud state in {Path} was made for another scenario; starting from this scenario's seed")]
    public static partial void StateDiscarded(this ILogger logger, string path);

    [LoggerMessage(EventId = 9111, Level = LogLevel.Error,
        Message = "Simulated cloud state file {Path} cannot be opened ({Reason}): the simulated cloud answers errors until it can")]
    public static partial void StateFileUnavailable(this ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 9127, Level = LogLevel.Error,
        Message = "The simulated {Service} cannot keep its state ({Reason}): it answers errors until its state file can be opened")]
    public static partial void ServiceStateUnavailable(this ILogger logger, string service, string reason);

    [LoggerMessage(EventId = 9112, Level = LogLevel.Information, Message = "Simulated cloud state file {Path} opened")]
    public static partial void StateFileOpened(this ILogger logger, string path);
}

internal static partial class StorageSimulatorLog
{
    [LoggerMessage(EventId = 9120, Level = LogLevel.Information,
        Message = "Simulated block storage seeded from {ScenarioName}: {PoolCount} pools, {VolumeCount} volumes")]
    public static partial void StorageSeeded(this ILogger logger, string scenarioName, int poolCount, int volumeCount);

    [LoggerMessage(EventId = 9121, Level = LogLevel.Information,
        Message = "{Kind} of volume {VolumeId} from {Source} to {Destination} started ({Seconds}s simulated)")]
    public static partial void VolumeOperationStarted(this ILogger logger, string kind, string volumeId, string source, string destination, double seconds);

    [LoggerMessage(EventId = 9122, Level = LogLevel.Information, Message = "{Kind} of volume {VolumeId} to {Destination} completed")]
    public static partial void VolumeOperationCompleted(this ILogger logger, string kind, string volumeId, string destination);

    [LoggerMessage(EventId = 9123, Level = LogLevel.Warning,
        Message = "{Kind} of volume {VolumeId} to {Destination} failed on purpose (Watcher:Simulator:Storage:FailVolumeOperationsOf)")]
    public static partial void VolumeOperationFailed(this ILogger logger, string kind, string volumeId, string destination);

    [LoggerMessage(EventId = 9124, Level = LogLevel.Information,
        Message = "Simulated bare metal seeded: {NodeCount} Ironic nodes")]
    public static partial void BareMetalSeeded(this ILogger logger, int nodeCount);

    [LoggerMessage(EventId = 9125, Level = LogLevel.Information, Message = "Bare-metal node {NodeId}: {PowerState} requested ({Seconds}s simulated)")]
    public static partial void PowerChangeRequested(this ILogger logger, string nodeId, string powerState, double seconds);

    [LoggerMessage(EventId = 9126, Level = LogLevel.Information, Message = "Bare-metal node {NodeId} is now {PowerState}")]
    public static partial void NodePowerChanged(this ILogger logger, string nodeId, string powerState);
}
