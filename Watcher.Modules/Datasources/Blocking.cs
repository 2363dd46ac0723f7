namespace Watcher.Modules.Datasources;

/// <summary>
/// Strategies read metrics synchronously (upstream's interface, and ours). They run on a worker thread of their
/// own (StrategyRunner starts them with Task.Run), so a remote datasource may wait for its HTTP call there.
/// Exceptions come out unwrapped.
/// </summary>
internal static class Blocking
{
    public static T Wait<T>(Task<T> task) => task.ConfigureAwait(false).GetAwaiter().GetResult();
}
