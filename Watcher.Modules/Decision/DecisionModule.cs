using MediatR;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Decision.Audits;
using Watcher.Modules.Decision.Catalog;
using Watcher.Modules.Decision.Continuous;
using Watcher.Modules.Decision.Expiry;
using Watcher.Modules.Decision.Goals;
using Watcher.Modules.Decision.Strategies;
using Watcher.Modules.Decision.Strategies.Basic;
using Watcher.Modules.Shared.Operations;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Decision;

public static class DecisionModule
{
    public static IServiceCollection AddDecision(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DecisionEngineOptions>().BindConfiguration(DecisionEngineOptions.Section);
        services.AddGoals();
        services.AddStrategies();
        services.AddOptions<BasicConsolidationOptions>().BindConfiguration(BasicConsolidationOptions.Section);
        services.AddOptions<StorageCapacityBalanceOptions>().BindConfiguration(StorageCapacityBalanceOptions.Section);
        services.AddScoped<StrategyRunner>();
        services.AddContinuousAudits(configuration);
        services.AddWatcherJobs(configuration);
        services.AddJobQueue(JobQueues.Audits, sp => sp.GetRequiredService<IOptions<DecisionEngineOptions>>().Value.MaxAuditWorkers);
        services.AddServiceHeartbeat("watcher-decision-engine");
        return services;
    }

    /// <summary>
    /// Start-up work of the decision engine, before requests are served: the catalog, the recurring jobs, and
    /// the job queue rebuilt from the audits table.
    /// </summary>
    public static async Task StartDecisionEngineAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await mediator.Send(new SyncCatalog());
        RegisterRecurringJobs(scope.ServiceProvider);
        await mediator.Send(new ReconcileAudits());
    }

    private static void RegisterRecurringJobs(IServiceProvider services)
    {
        var jobs = services.GetRequiredService<IBackgroundJobs>();
        var continuous = services.GetRequiredService<IOptions<ContinuousAuditOptions>>().Value;
        jobs.Recurring<ContinuousAuditSweepJob>(ContinuousAuditSweepJob.Id, JobQueues.Housekeeping,
            j => j.SweepAsync(CancellationToken.None), PeriodCron.FromSeconds(continuous.ContinuousAuditInterval));
        var decision = services.GetRequiredService<IOptions<DecisionEngineOptions>>().Value;
        // Upstream runs no expiry job at all when action_plan_expiry is 0.
        if (decision.ActionPlanExpiry > 0)
            jobs.Recurring<ActionPlanExpiryJob>(ActionPlanExpiryJob.Id, JobQueues.Housekeeping,
                j => j.RunAsync(CancellationToken.None), PeriodCron.FromSeconds(decision.CheckPeriodicInterval));
        else
            jobs.RemoveRecurring(ActionPlanExpiryJob.Id);
    }
}
