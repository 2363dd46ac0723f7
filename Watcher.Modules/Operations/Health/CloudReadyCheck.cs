using Microsoft.Extensions.Diagnostics.HealthChecks;
using Watcher.Modules.Cloud;

namespace Watcher.Modules.Operations.Health;

/// <summary>
/// Readiness: the cloud backend answers. The backend's own probe says what "answers" means (OpenStack: the token
/// and Nova's and Placement's version documents; the simulator: its compute services), with cheap calls only.
/// </summary>
internal sealed class CloudReadyCheck(ICloudProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await probe.ProbeAsync(cancellationToken);
            return result.Reachable
                ? HealthCheckResult.Healthy(result.Description)
                : HealthCheckResult.Unhealthy($"the cloud backend cannot be reached: {result.Description}");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A probe reports failures itself; anything else it lets through is still "not reachable", with its reason.
            return HealthCheckResult.Unhealthy($"the cloud backend cannot be reached: {e.Message}");
        }
    }
}
