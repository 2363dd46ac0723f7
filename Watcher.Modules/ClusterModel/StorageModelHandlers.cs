using Hangfire.Server;
using MediatR;
using Microsoft.Extensions.Options;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

public sealed class GetStorageModelHandler(StorageModelStore store) : IRequestHandler<GetStorageModel, StorageModel>
{
    public Task<StorageModel> Handle(GetStorageModel request, CancellationToken cancellationToken) => store.GetCopyAsync(cancellationToken);
}

public sealed class GetBaremetalModelHandler(BaremetalModelStore store) : IRequestHandler<GetBaremetalModel, BaremetalModel>
{
    public Task<BaremetalModel> Handle(GetBaremetalModel request, CancellationToken cancellationToken) => store.GetCopyAsync(cancellationToken);
}

/// <summary>After an applied action the storage and bare-metal models already built are rebuilt too.</summary>
public sealed class StorageChangedHandler(StorageModelStore storage, BaremetalModelStore baremetal) : INotificationHandler<ClusterChanged>
{
    public async Task Handle(ClusterChanged notification, CancellationToken cancellationToken)
    {
        foreach (var rebuild in new Func<CancellationToken, Task>[]
                 { storage.IsBuilt ? storage.RebuildAsync : _ => Task.CompletedTask, baremetal.IsBuilt ? baremetal.RebuildAsync : _ => Task.CompletedTask })
        {
            try
            {
                await rebuild(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Logged and marked stale by the store.
            }
        }
    }
}

/// <summary>
/// [watcher_cluster_data_model_collectors.storage|baremetal] → Watcher:ClusterDataModelCollectors:Storage|Baremetal.
/// </summary>
public sealed class CollectorPeriodOptions
{
    /// <summary>Seconds between two rebuilds (upstream 3600).</summary>
    public int Period { get; set; } = 3600;
}

/// <summary>
/// [collector] collector_plugins → Watcher:Collector:CollectorPlugins: the models synced periodically (upstream HEAD's
/// default, compute and storage). A model not listed is still built when first asked for. Compute is always synced.
/// </summary>
public sealed class CollectorOptions
{
    public const string Section = "Watcher:Collector";
    public List<string> CollectorPlugins { get; set; } = ["compute", "storage"];
}

/// <summary>
/// The periodic synchronize() of the storage or bare-metal collector, as <see cref="ComputeModelSyncJob"/> does it
/// for compute: a Hangfire background process per Watcher process (the model lives in its memory), first run at
/// start, then every Period seconds, when the collector is listed in Watcher:Collector:CollectorPlugins.
/// </summary>
internal sealed class CollectedModelSyncJob<TModel>(
    CollectedModelStore<TModel> store, IOptionsMonitor<CollectorPeriodOptions> periods, IOptions<CollectorOptions> collectors)
    : IBackgroundProcess where TModel : class
{
    public void Execute(BackgroundProcessContext context)
    {
        var enabled = collectors.Value.CollectorPlugins.Contains(store.ModelName);
        if (enabled) RunOnceAsync(context.StoppingToken).GetAwaiter().GetResult();
        context.Wait(TimeSpan.FromSeconds(enabled ? Math.Max(1, periods.Get(store.ModelName).Period) : 3600));
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        try
        {
            await store.RebuildAsync(ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Logged and marked stale by the store; the next period retries.
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
