using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>Nova's API status for a vm_state (nova/api/openstack/common.py's state map, task_state ignored).</summary>
public static class NovaStatus
{
    public const string Active = "ACTIVE";
    public const string Shutoff = "SHUTOFF";
    public const string Migrating = "MIGRATING";
    public const string Resize = "RESIZE";
    public const string VerifyResize = "VERIFY_RESIZE";
    public const string Error = "ERROR";

    public static string FromVmState(string vmState) => vmState switch
    {
        InstanceState.Active => Active,
        InstanceState.Building => "BUILD",
        InstanceState.Paused => "PAUSED",
        InstanceState.Suspended => "SUSPENDED",
        InstanceState.Stopped => Shutoff,
        InstanceState.Rescued => "RESCUE",
        InstanceState.Resized => VerifyResize,
        InstanceState.Shelved => "SHELVED",
        "shelved_offloaded" => "SHELVED_OFFLOADED",
        InstanceState.SoftDelete => "SOFT_DELETED",
        InstanceState.Deleted => "DELETED",
        InstanceState.Error => Error,
        _ => "UNKNOWN",
    };
}
