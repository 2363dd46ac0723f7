using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>
/// The storage and bare metal of the demo cluster (<see cref="DemoCluster"/>), built so that a
/// storage_capacity_balance audit has work to do, and none left once its plan ran:
/// <list type="bullet">
/// <item>Two cinder-volume backends in zone <c>nova</c>: <c>storage-0@lvm</c> with pool <c>storage-0@lvm#pool0</c>
/// (1000 GB, thick, 5 % reserved) and <c>storage-1@ceph</c> with <c>storage-1@ceph#pool0</c> (2000 GB, thin,
/// max_over_subscription_ratio 1.5).</item>
/// <item>Volume types <c>lvm</c> and <c>ceph</c> (volume_backend_name = the backend).</item>
/// <item>A data volume attached to every demo VM (typed by its backend), and two detached, untyped backup volumes
/// on the lvm pool, which is 85 % used (850 GB: 650 GB of volumes plus 200 GB used outside Cinder's
/// volumes); the ceph pool is 20 % used. With the default threshold of 80 % the strategy moves the two backups
/// (the smallest detached volumes first) to the ceph pool, leaving the lvm pool at 75 %.</item>
/// <item>Two Ironic nodes, powered on, backing compute-2 and compute-3.</item>
/// </list>
/// </summary>
internal static class DemoStorage
{
    public const string LvmPool = "storage-0@lvm#pool0";
    public const string CephPool = "storage-1@ceph#pool0";

    private static readonly (string Name, string? Server, int SizeGb, string Pool)[] DemoVolumes =
    [
        ("vol-web-1-data", "vm-web-1", 100, LvmPool),
        ("vol-web-2-data", "vm-web-2", 100, LvmPool),
        ("vol-db-1-data", "vm-db-1", 300, LvmPool),
        ("vol-cache-1-data", "vm-cache-1", 50, LvmPool),
        ("vol-backup-1", null, 60, LvmPool),
        ("vol-backup-2", null, 40, LvmPool),
        ("vol-app-1-data", "vm-app-1", 100, CephPool),
        ("vol-app-2-data", "vm-app-2", 100, CephPool),
        ("vol-batch-1-data", "vm-batch-1", 50, CephPool),
    ];

    public static StorageModel Storage(ComputeModel compute)
    {
        var storage = new StorageModel();
        storage.AddVolumeType(new StorageVolumeType("7e000000-0000-4000-8000-000000000001", "lvm",
            new Dictionary<string, string> { ["volume_backend_name"] = "lvm" }));
        storage.AddVolumeType(new StorageVolumeType("7e000000-0000-4000-8000-000000000002", "ceph",
            new Dictionary<string, string> { ["volume_backend_name"] = "ceph" }));
        storage.AddNode(new StorageNode { Host = "storage-0@lvm", VolumeTypes = ["lvm"] });
        storage.AddNode(new StorageNode { Host = "storage-1@ceph", VolumeTypes = ["ceph"] });
        storage.AddPool(new Pool
        {
            Name = LvmPool, TotalCapacityGb = 1000, ReservedPercentage = 5, VolumeBackendName = "lvm", PoolName = "pool0",
        });
        storage.AddPool(new Pool
        {
            Name = CephPool, TotalCapacityGb = 2000, ThinProvisioningSupport = true, ThickProvisioningSupport = false,
            MaxOverSubscriptionRatio = 1.5, VolumeBackendName = "ceph", PoolName = "pool0",
        });

        for (var i = 0; i < DemoVolumes.Length; i++)
        {
            var v = DemoVolumes[i];
            var server = v.Server is null ? null : compute.Instances.First(s => s.Name == v.Server);
            storage.AddVolume(new Volume
            {
                Uuid = $"d15c0000-0000-4000-8000-0000000000{i:D2}", Name = v.Name, Size = v.SizeGb, Host = v.Pool,
                Status = server is null ? VolumeStatus.Available : VolumeStatus.InUse,
                Attachments = server is null ? [] : [new VolumeAttachmentRef(server.Uuid, $"a7000000-0000-4000-8000-0000000000{i:D2}")],
                VolumeType = server is null ? null : v.Pool == LvmPool ? "lvm" : "ceph",
                ProjectId = DemoCluster.ProjectId,
                CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            });
        }

        // What the arrays hold beyond these volumes (other tenants' data, snapshots): 200 GB and 150 GB.
        Fill(storage, storage.FindPool(LvmPool)!, otherUsedGb: 200);
        Fill(storage, storage.FindPool(CephPool)!, otherUsedGb: 150);
        return storage;
    }

    public static BaremetalModel Baremetal(ComputeModel compute)
    {
        var baremetal = new BaremetalModel();
        foreach (var (i, host) in new[] { (0, "compute-2"), (1, "compute-3") })
            baremetal.AddNode(new IronicNode
            {
                Uuid = $"b4e70000-0000-4000-8000-00000000000{i}", Name = $"ironic-{host}", PowerState = "power on",
                Extra = new JsonObject { ["compute_node_id"] = compute.GetNodeByHostname(host).Uuid },
            });
        return baremetal;
    }

    private static void Fill(StorageModel storage, Pool pool, double otherUsedGb)
    {
        var volumes = storage.VolumesOf(pool).ToList();
        pool.AllocatedCapacityGb = volumes.Sum(v => v.Size);
        pool.ProvisionedCapacityGb = pool.AllocatedCapacityGb + otherUsedGb;
        pool.FreeCapacityGb = pool.TotalCapacityGb - pool.AllocatedCapacityGb - otherUsedGb;
        pool.TotalVolumes = volumes.Count;
        pool.VirtualFree = ScenarioStorage.VirtualFree(pool);
    }
}
