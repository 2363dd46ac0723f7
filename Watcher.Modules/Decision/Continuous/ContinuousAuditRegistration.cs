using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Decision.Continuous;

/// <summary>[watcher_decision_engine] continuous_audit_interval → Watcher:DecisionEngine:ContinuousAuditInterval.</summary>
public sealed class ContinuousAuditOptions
{
    public const string Section = "Watcher:DecisionEngine";
    /// <summary>Seconds between two sweeps (upstream's scheduling tick, 10); audits themselves run on their own ticks.</summary>
    public int ContinuousAuditInterval { get; set; } = 10;
}

public static class ContinuousAuditRegistration
{
    /// <summary>Continuous audits: the scheduler (ticks are jobs; the sweep is registered at start-up).</summary>
    public static IServiceCollection AddContinuousAudits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostIdentity();
        services.AddOptions<ContinuousAuditOptions>().BindConfiguration(ContinuousAuditOptions.Section);
        services.AddScoped<ContinuousAuditScheduler>();
        return services;
    }
}
