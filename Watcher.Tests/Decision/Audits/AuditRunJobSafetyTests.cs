using Hangfire;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Audits;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;

namespace Watcher.Tests.Decision.Audits;

/// <summary>
/// The audit-run job against the rules a job system imposes (issue 5: every job idempotent against Watcher's tables):
/// one audit's run may be delivered twice — to two workers or processes at once, or again after the first finished
/// (a re-delivery after a lost acknowledgement). The whole service runs on each provider without job servers, so
/// the test delivers the run itself, as many times as it likes.
/// </summary>
public abstract class AuditRunJobSafetyTests(DatabaseProvider provider)
{
    [Fact]
    public async Task AnAuditRunDeliveredTwice_AtOnceOrOneAfterTheOther_WritesOnePlan_AndLaunchesItOnce()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json",
            new Dictionary<string, string?> { ["Watcher:Jobs:ProcessJobs"] = "false" }, provider);
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "dummy", "auto_trigger": true}""");
        var jobs = factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        Assert.Equal(1, jobs.EnqueuedCount(JobQueues.Audits));   // the API's cast, waiting: nothing here runs it

        async Task Deliver()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunAudit(audit));
        }
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(Deliver)));
        await Deliver();

        Assert.Equal("SUCCEEDED", (string?)(await client.GetAsync($"/v1/audits/{audit}").ExpectJson())["state"]);
        var plan = Assert.Single(await client.PlansOfAsync(audit));
        Assert.Equal("PENDING", (string?)plan["state"]);   // auto-triggered, waiting for the applier
        Assert.Equal(3, (await client.ActionsOfAsync((string)plan["uuid"]!)).Count);   // the dummy strategy's two nops and a sleep, once
        Assert.Equal(1, jobs.EnqueuedCount(JobQueues.Applier));
    }

    [Fact]
    public async Task AContinuousAuditSuspendedWhileItRuns_IsLetGo_SoItRunsAgainOnceResumed()
    {
        var suspender = new SuspendDuringRun();
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json",
            new Dictionary<string, string?> { ["Watcher:Jobs:ProcessJobs"] = "false" }, provider)
            .WithServices(s => s.AddSingleton<IPipelineBehavior<GetComputeModel, ComputeModel>>(suspender));
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""{"audit_type": "CONTINUOUS", "interval": "3600", "goal": "dummy"}""");
        async Task Deliver()
        {
            await using var scope = factory.Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new RunAudit(audit));
        }

        suspender.Client = client;
        suspender.Audit = audit;
        await Deliver();   // the operator suspends the audit while its strategy runs: no plan is written...
        Assert.Equal("SUSPENDED", (string?)(await client.GetAsync($"/v1/audits/{audit}").ExpectJson())["state"]);
        Assert.Empty(await client.PlansOfAsync(audit));
        suspender.Audit = null;

        await client.Replace($"/v1/audits/{audit}", "/state", "ONGOING").ExpectJson();
        await Deliver();   // ...and the next tick after the resume runs it (it was skipped as "being run" for good)
        Assert.Single(await client.PlansOfAsync(audit));
    }

    /// <summary>Suspends the audit through the API when the run asks for the compute model.</summary>
    private sealed class SuspendDuringRun : IPipelineBehavior<GetComputeModel, ComputeModel>
    {
        public HttpClient? Client { get; set; }
        public string? Audit { get; set; }

        public async Task<ComputeModel> Handle(GetComputeModel request, CancellationToken ct, RequestHandlerDelegate<ComputeModel> next)
        {
            if (Audit is { } uuid) await Client!.Replace($"/v1/audits/{uuid}", "/state", "SUSPENDED").ExpectJson();
            return await next();
        }
    }
}

public sealed class AuditRunJobSafetyTestsOnSqlite() : AuditRunJobSafetyTests(DatabaseProvider.Sqlite);

public sealed class AuditRunJobSafetyTestsOnPostgreSql() : AuditRunJobSafetyTests(DatabaseProvider.PostgreSql);
