using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Quartz;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Decision.Continuous;

/// <summary>[watcher_decision_engine] continuous_audit_interval → Watcher:DecisionEngine:ContinuousAuditInterval.</summary>
public sealed class ContinuousAuditOptions
{
    public const string Section = "Watcher:DecisionEngine";
    /// <summary>Seconds between two scheduling ticks (upstream 10).</summary>
    public int ContinuousAuditInterval { get; set; } = 10;
}

public static class ContinuousAuditRegistration
{
    /// <summary>Continuous audits: the periodic tick and the per-audit run job (called from AddDecision).</summary>
    public static IServiceCollection AddContinuousAudits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHostIdentity();
        services.AddOptions<ContinuousAuditOptions>().BindConfiguration(ContinuousAuditOptions.Section);
        services.AddScoped<ContinuousAuditScheduler>();
        services.AddScheduledJobs(q =>
        {
            q.AddPeriodicJob<ContinuousAuditTickJob>(ContinuousAuditTickJob.Key,
                sp => sp.GetRequiredService<IOptions<ContinuousAuditOptions>>().Value.ContinuousAuditInterval);
            q.AddJob<ContinuousAuditRunJob>(j => j.WithIdentity(ContinuousAuditScheduler.RunJobKey).StoreDurably(true));
        });
        return services;
    }
}
