using Microsoft.Extensions.Diagnostics.HealthChecks;
using Watcher.Modules.Cloud;

namespace Watcher.Modules.Operations.Health;

/// <summary>Readiness: the cloud backend answers (the compute services list, the cheapest call every backend has).</summary>
internal sealed class CloudReadyCheck(IComputeCloud cloud) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var services = await cloud.ListComputeServicesAsync(cancellationToken);
            return HealthCheckResult.Healthy($"the cloud answered: {services.Count} compute services");
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"the cloud backend cannot be reached: {e.Message}");
        }
    }
}
