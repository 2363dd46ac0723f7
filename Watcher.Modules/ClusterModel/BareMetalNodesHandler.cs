using MediatR;
using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.ClusterModel;

/// <summary>
/// No bare-metal service is built yet (the Ironic/MAAS backends and the simulator's bare-metal nodes come with the
/// storage and bare-metal work): the inventory is "not configured", exactly what a strategy sees upstream on a
/// cloud without Ironic. Replace this handler when a backend exists.
/// </summary>
public sealed class BareMetalNodesHandler : IRequestHandler<GetBareMetalNodes, IReadOnlyList<BareMetalNode>?>
{
    public Task<IReadOnlyList<BareMetalNode>?> Handle(GetBareMetalNodes request, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<BareMetalNode>?>(null);
}
