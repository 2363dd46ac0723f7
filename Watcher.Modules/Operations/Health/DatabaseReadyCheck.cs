using Microsoft.Extensions.Diagnostics.HealthChecks;
using Watcher.Modules.Persistence.Faults;

namespace Watcher.Modules.Operations.Health;

/// <summary>Readiness: the database is reachable and takes a write now (one small committed write per check).</summary>
internal sealed class DatabaseReadyCheck(StorageHealth storage, DatabaseFile file, StorageProbe probe) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (storage.StartupPending)
            return HealthCheckResult.Unhealthy($"start-up work is waiting for the database: {storage.CurrentOrPending().Cause}");
        file.Verify();
        if (storage.RefusesAccess) return HealthCheckResult.Unhealthy(storage.CurrentOrPending().Cause);
        var fault = await probe.WriteAsync(cancellationToken);
        return fault is null
            ? HealthCheckResult.Healthy("reachable and writable")
            : HealthCheckResult.Unhealthy(fault.Cause);
    }
}
