using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Watcher.Modules.Cloud;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel.Notifications;

/// <summary>
/// Keeps the compute model fresh between syncs from Nova's versioned notifications (reference §10.5): instances
/// created, changed, moved or deleted; compute services enabled, disabled, forced down, added or removed. A host
/// the model does not know is fetched from the cloud. Events from other publishers, and instance updates still
/// "building", are ignored.
/// </summary>
public sealed partial class NovaNotificationHandler(ComputeModelStore store, IComputeCloud cloud, ILogger<NovaNotificationHandler> logger)
{
    private static readonly HashSet<string> InstanceUpdates =
    [
        "instance.create.end", "instance.update", "instance.lock", "instance.unlock", "instance.pause.end",
        "instance.unpause.end", "instance.power_off.end", "instance.power_on.end", "instance.resize_confirm.end",
        "instance.restore.end", "instance.resume.end", "instance.suspend.end", "instance.shelve.end",
        "instance.unshelve.end", "instance.shutdown.end", "instance.rebuild.end", "instance.rescue.end",
        "instance.unrescue.end", "instance.live_migration_force_complete.end", "instance.live_migration_post_dest.end",
    ];

    private static readonly HashSet<string> InstanceDeletes = ["instance.delete.end", "instance.soft_delete.end"];
    private static readonly HashSet<string> ServiceUpdates = ["service.create", "service.update"];

    /// <summary>True when the event changed the model (false: ignored, or no model built yet).</summary>
    public async Task<bool> HandleAsync(NovaNotification n, CancellationToken ct)
    {
        if (!n.PublisherId.StartsWith("nova-", StringComparison.Ordinal)) return false;
        Func<ComputeModel, CancellationToken, Task>? change = n.EventType switch
        {
            var e when InstanceUpdates.Contains(e) && !(e == "instance.update" && Text(n.Data, "state") == InstanceState.Building)
                => (model, token) => UpdateInstanceAsync(model, n, token),
            var e when InstanceDeletes.Contains(e) => (model, _) => DeleteInstance(model, n),
            var e when ServiceUpdates.Contains(e) && Text(n.Data, "binary") == "nova-compute"
                => (model, token) => UpdateServiceAsync(model, n, token),
            "service.delete" when Text(n.Data, "binary") == "nova-compute" => (model, _) => DeleteService(model, n),
            _ => null,
        };
        if (change is null) return false;
        var applied = await store.ApplyAsync(change, ct);
        if (applied) LogApplied(n.EventType, Text(n.Data, "uuid") ?? Text(n.Data, "host") ?? "");
        return applied;
    }

    private async Task UpdateInstanceAsync(ComputeModel model, NovaNotification n, CancellationToken ct)
    {
        var uuid = Text(n.Data, "uuid");
        if (uuid is null) return;
        var instance = model.FindInstance(uuid);
        if (instance is null)
        {
            instance = new Instance { Uuid = uuid };
            model.AddInstance(instance);
        }
        Fill(instance, n);
        var host = Text(n.Data, "host");
        var node = host is null ? null : await NodeAsync(model, host, ct);
        if (node is null) model.UnmapInstance(instance);
        else if (model.NodeOf(instance) != node) model.MapInstance(instance, node);
    }

    private static Task DeleteInstance(ComputeModel model, NovaNotification n)
    {
        if (Text(n.Data, "uuid") is { } uuid && model.FindInstance(uuid) is { } instance) model.RemoveInstance(instance);
        return Task.CompletedTask;
    }

    private async Task UpdateServiceAsync(ComputeModel model, NovaNotification n, CancellationToken ct)
    {
        if (Text(n.Data, "host") is not { } host || await NodeAsync(model, host, ct) is not { } node) return;
        node.State = n.Data["forced_down"]?.GetValue<bool>() == true ? NodeState.Down : NodeState.Up;
        var disabled = n.Data["disabled"]?.GetValue<bool>() == true;
        node.Status = disabled ? NodeStatus.Disabled : NodeStatus.Enabled;
        node.DisabledReason = disabled ? Text(n.Data, "disabled_reason") : null;
    }

    private static Task DeleteService(ComputeModel model, NovaNotification n)
    {
        if (Text(n.Data, "host") is { } host && model.FindNodeByHostname(host) is { } node) model.RemoveNode(node);
        return Task.CompletedTask;
    }

    /// <summary>The model's node for a host, fetched from the cloud (and added) when the model lacks it.</summary>
    private async Task<ComputeNode?> NodeAsync(ComputeModel model, string host, CancellationToken ct)
    {
        if (model.FindNodeByHostname(host) is { } known) return known;
        var hypervisor = await cloud.FindHypervisorAsync(host, ct);
        if (hypervisor is null)
        {
            LogUnknownHost(host);
            return null;
        }
        if (model.FindNode(hypervisor.Uuid) is { } sameHypervisor) return sameHypervisor;
        var node = ComputeModelCollector.ToNode(hypervisor);
        model.AddNode(node);
        return node;
    }

    /// <summary>Nova's instance payload in model terms (local disk as upstream counts it).</summary>
    private static void Fill(Instance instance, NovaNotification n)
    {
        var d = n.Data;
        instance.State = Text(d, "state") ?? instance.State;
        instance.Name = Text(d, "display_name") ?? instance.Name;
        instance.ProjectId = Text(d, "tenant_id") ?? instance.ProjectId;
        if (d["metadata"] is JsonObject metadata) instance.Metadata = (JsonObject)metadata.DeepClone();
        if (n.PayloadVersion > new Version(1, 0) && d["locked"] is JsonValue locked) instance.Locked = locked.GetValue<bool>();
        if (d["flavor"]?["nova_object.data"] is JsonObject flavor)
        {
            instance.Memory = Int(flavor, "memory_mb");
            instance.Vcpus = Int(flavor, "vcpus");
            var root = string.IsNullOrEmpty(Text(d, "image_uuid")) ? 0 : Int(flavor, "root_gb");
            instance.Disk = root + Int(flavor, "ephemeral_gb") + (int)Math.Ceiling(Int(flavor, "swap") / 1024.0);
        }
    }

    private static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static int Int(JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<int>(out var i) ? i : 0;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notification {EventType} applied to the compute model ({Subject})")]
    private partial void LogApplied(string eventType, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification names compute host {Host}, which the cloud does not list as a hypervisor; ignored")]
    private partial void LogUnknownHost(string host);
}
