namespace Watcher.Modules.Cloud.Simulator;

/// <summary>Flavors and resize: the scheduler places the new flavor (on another host unless AllowResizeToSameHost).</summary>
public sealed partial class SimulatedCloud
{
    public Task<IReadOnlyList<Flavor>> ListFlavorsAsync(CancellationToken ct = default) =>
        Read(ct, () => (IReadOnlyList<Flavor>)_flavors.ToList());

    public Task ResizeAsync(string serverId, string flavor, CancellationToken ct = default) =>
        Mutate(ct, () =>
        {
            var server = RequireServer(serverId);
            var target = FindFlavor(flavor) ?? throw new CloudException($"Flavor {flavor} could not be found.");
            if (server.Status is not (NovaStatus.Active or NovaStatus.Shutoff) || server.TaskState is not null) throw Conflict(server, "resize");
            if (target.Id == server.Flavor.Id || target.Name == server.FlavorName)
                throw new CloudException("When resizing, instances must change flavor!");
            Begin(server, MigrationKind.Resize, null, _options.ResizeSeconds,
                new SimFlavor(target.Id, target.Name, target.Vcpus, target.MemoryMb, target.DiskGb));
            server.Status = NovaStatus.Resize;
            server.TaskState = "resize_migrating";
            return true;
        });
}
