using Watcher.Modules.Cloud.OpenStack.Keystone;
using Watcher.Modules.Cloud.OpenStack.Nova;
using Watcher.Modules.Cloud.OpenStack.Placement;

namespace Watcher.Modules.Cloud.OpenStack;

/// <summary>
/// Readiness of the OpenStack backend: Watcher's token (cached, so usually no call), Nova's and Placement's
/// version documents. Three cheap GETs at most; failures are reported, never thrown.
/// </summary>
public sealed class OpenStackProbe(KeystoneSession keystone, NovaClient nova, PlacementClient placement) : ICloudProbe
{
    public async Task<CloudProbeResult> ProbeAsync(CancellationToken ct = default)
    {
        try
        {
            await keystone.GetTokenAsync(ct);
            await nova.ProbeAsync(ct);
            await placement.Api.GetAsync("/", ct: ct);
            return new CloudProbeResult(true,
                $"Keystone ({keystone.AuthUrl}), Nova ({await nova.Api.EndpointAsync(ct)}) and Placement ({await placement.Api.EndpointAsync(ct)}) answer");
        }
        catch (CloudException e)
        {
            return new CloudProbeResult(false, e.Message);
        }
    }
}
