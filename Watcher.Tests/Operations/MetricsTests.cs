using Watcher.Tests.Integration;
using Watcher.Tests.Support;

namespace Watcher.Tests.Operations;

/// <summary>/metrics after an operator's walk: an audit ran, its plan was started and applied on the simulator.</summary>
public sealed class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterAnAuditAndAPlanRan_ShowStatesDurationsOutcomesQueuesAndRequests()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json");
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "server_consolidation"}""");
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = (string)(await client.PlansOfAsync(audit)).Single()["uuid"]!;
        await client.StartPlanAsync(plan);
        await client.PollStateAsync($"/v1/action_plans/{plan}", "SUCCEEDED");
        var actions = await client.ActionsOfAsync(plan);
        var migrations = actions.Count(a => (string?)a["action_type"] == "migrate");
        var serviceChanges = actions.Count(a => (string?)a["action_type"] == "change_nova_service_state");

        var metrics = await client.MetricsAsync();

        // Audits and plans by state, read from the database at scrape time.
        Assert.Equal(1, metrics.Sample("""watcher_audits{state="SUCCEEDED",audit_type="ONESHOT"}"""));
        Assert.Equal(0, metrics.Sample("""watcher_audits{state="PENDING",audit_type="ONESHOT"}"""));
        Assert.Equal(1, metrics.Sample("""watcher_action_plans{state="SUCCEEDED"}"""));
        Assert.Equal(0, metrics.Sample("""watcher_action_plans{state="RECOMMENDED"}"""));
        // Durations of the audit run, the plan and each action, and the actions' outcomes by type.
        Assert.Equal(1, metrics.Sample("""watcher_audit_run_duration_seconds_count{audit_type="ONESHOT",outcome="succeeded"}"""));
        Assert.True(metrics.Sample("""watcher_audit_run_duration_seconds_sum{audit_type="ONESHOT",outcome="succeeded"}""") > 0);
        Assert.Equal(1, metrics.Sample("""watcher_action_plan_duration_seconds_count{outcome="succeeded"}"""));
        Assert.Equal(migrations, metrics.Sample("""watcher_actions_finished_total{action_type="migrate",outcome="succeeded"}"""));
        Assert.Equal(serviceChanges, metrics.Sample("""watcher_actions_finished_total{action_type="change_nova_service_state",outcome="succeeded"}"""));
        Assert.Equal(migrations, metrics.Sample("""watcher_action_duration_seconds_count{action_type="migrate",outcome="succeeded"}"""));
        Assert.True(metrics.Sample("""watcher_action_duration_seconds_sum{action_type="migrate",outcome="succeeded"}""") >= 0.05 * migrations);
        // Job queues (empty once all ran), storage, HTTP requests by route and status, process basics.
        Assert.Equal(0, metrics.Sample("""watcher_job_queue_length{queue="audits"}"""));
        Assert.Equal(0, metrics.Sample("""watcher_job_queue_length{queue="applier"}"""));
        Assert.Equal(1, metrics.Sample("watcher_database_up"));
        Assert.Equal(0, metrics.Sample("""watcher_storage_faults_total{fault="disk_full"}"""));
        Assert.Equal(1, metrics.Sample("""http_requests_received_total{code="201",method="POST",controller="",action="",endpoint="/v1/audits/"}"""));
        Assert.True(metrics.Sample("""http_request_duration_seconds_count{code="200",method="GET",controller="",action="",endpoint="/v1/audits/{audit}"}""") >= 1);
        Assert.Contains("# TYPE watcher_audit_run_duration_seconds histogram", metrics);
        Assert.NotNull(metrics.Sample("process_start_time_seconds"));
    }

    [Fact]
    public async Task Metrics_CountFailedActions_ByTypeAndOutcome()
    {
        // Every VM of the scenario refuses to move.
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json",
            Enumerable.Range(1, 6).ToDictionary(i => $"Watcher:Simulator:FailMigrationsOf:{i - 1}", i => (string?)$"vm-{i}"));
        var client = factory.Operator();
        var audit = await client.CreateAuditAsync("""{"audit_type": "ONESHOT", "goal": "server_consolidation"}""");
        await client.PollStateAsync($"/v1/audits/{audit}", "SUCCEEDED");
        var plan = (string)(await client.PlansOfAsync(audit)).Single()["uuid"]!;
        await client.StartPlanAsync(plan);
        await client.PollStateAsync($"/v1/action_plans/{plan}", "FAILED");

        var metrics = await client.MetricsAsync();
        Assert.True(metrics.Sample("""watcher_actions_finished_total{action_type="migrate",outcome="failed"}""") >= 1);
        Assert.Equal(1, metrics.Sample("""watcher_action_plan_duration_seconds_count{outcome="failed"}"""));
        Assert.Equal(1, metrics.Sample("""watcher_action_plans{state="FAILED"}"""));
    }
}
