namespace Watcher.Modules.ClusterModel;

/// <summary>[watcher_cluster_data_model_collectors.compute] → Watcher:ClusterDataModelCollectors:Compute.</summary>
public sealed class ComputeCollectorOptions
{
    public const string Section = "Watcher:ClusterDataModelCollectors:Compute";
    /// <summary>Seconds between two rebuilds of the compute model (upstream 3600).</summary>
    public int Period { get; set; } = 3600;
}
