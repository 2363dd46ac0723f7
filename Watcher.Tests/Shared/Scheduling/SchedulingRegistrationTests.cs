using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Watcher.Modules.ClusterModel;
using Watcher.Modules.Decision.Continuous;
using Watcher.Modules.Shared.Services;

namespace Watcher.Tests.Shared.Scheduling;

public sealed class SchedulingRegistrationTests
{
    private static async Task<IScheduler> SchedulerFor(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddClusterModel(configuration)
            .AddContinuousAudits(configuration)
            .AddServiceHeartbeat("watcher-api")
            .AddServiceHeartbeat("watcher-decision-engine")
            .AddServiceHeartbeat("watcher-applier")
            .BuildServiceProvider();
        return await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
    }

    private static async Task<TimeSpan> RepeatOf(IScheduler scheduler, string name, string group)
    {
        var trigger = Assert.IsAssignableFrom<ISimpleTrigger>(await scheduler.GetTrigger(new TriggerKey(name, group), default));
        return trigger.RepeatInterval;
    }

    [Fact]
    public async Task Modules_ShareOneSchedulerWithUpstreamDefaultPeriods()
    {
        var scheduler = await SchedulerFor(new());

        Assert.Equal(TimeSpan.FromSeconds(3600), await RepeatOf(scheduler, "compute-model-sync", "cluster-model"));
        Assert.Equal(TimeSpan.FromSeconds(10), await RepeatOf(scheduler, "continuous-audit-tick", "decision"));
        foreach (var service in new[] { "watcher-api", "watcher-decision-engine", "watcher-applier" })
            Assert.Equal(TimeSpan.FromSeconds(60), await RepeatOf(scheduler, "heartbeat-" + service, "services"));
        Assert.True(await scheduler.Exists(ContinuousAuditScheduler.RunJobKey, default));
        await scheduler.Shutdown(false, default);
    }

    [Fact]
    public async Task Periods_ComeFromConfiguration()
    {
        var scheduler = await SchedulerFor(new()
        {
            ["Watcher:ClusterDataModelCollectors:Compute:Period"] = "120",
            ["Watcher:DecisionEngine:ContinuousAuditInterval"] = "5",
            ["Watcher:Services:HeartbeatInterval"] = "30",
        });

        Assert.Equal(TimeSpan.FromSeconds(120), await RepeatOf(scheduler, "compute-model-sync", "cluster-model"));
        Assert.Equal(TimeSpan.FromSeconds(5), await RepeatOf(scheduler, "continuous-audit-tick", "decision"));
        Assert.Equal(TimeSpan.FromSeconds(30), await RepeatOf(scheduler, "heartbeat-watcher-api", "services"));
        await scheduler.Shutdown(false, default);
    }
}
