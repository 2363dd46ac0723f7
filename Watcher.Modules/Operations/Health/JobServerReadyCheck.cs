using Microsoft.Extensions.Diagnostics.HealthChecks;
using Watcher.Modules.Shared.Operations;

namespace Watcher.Modules.Operations.Health;

/// <summary>Readiness: background processing (scheduled audits, queued runs and plans) is running in this process.</summary>
internal sealed class JobServerReadyCheck(IJobServerStatus jobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var state = await jobs.CheckAsync(cancellationToken);
        return state.Running ? HealthCheckResult.Healthy(state.Description) : HealthCheckResult.Unhealthy(state.Description);
    }
}
