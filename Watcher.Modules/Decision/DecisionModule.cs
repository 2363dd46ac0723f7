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
        services.AddSingleton<AuditQueue>();
        services.AddSingleton<IJobQueueLengths>(sp => sp.GetRequiredService<AuditQueue>());
        services.AddScoped<StrategyRunner>();
        services.AddHostedService<AuditWorker>();
        services.AddContinuousAudits(configuration);
        services.AddScheduledJobs(q => q.AddPeriodicJob<ActionPlanExpiryJob>(ActionPlanExpiryJob.Key,
            sp => sp.GetRequiredService<IOptions<DecisionEngineOptions>>().Value.CheckPeriodicInterval));
        services.AddServiceHeartbeat("watcher-decision-engine");
        return services;
    }

    /// <summary>Start-up work of the decision engine that must finish before requests are served.</summary>
    public static async Task StartDecisionEngineAsync(this IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        await mediator.Send(new SyncCatalog());
        await mediator.Send(new RecoverInterruptedAudits());
    }
}
