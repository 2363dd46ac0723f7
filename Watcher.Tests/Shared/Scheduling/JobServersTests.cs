using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Tests.Integration;
using Watcher.Tests.Support;

namespace Watcher.Tests.Shared.Scheduling;

/// <summary>The Hangfire side of the running service: queues and their workers, recurring jobs, the dashboard.</summary>
public sealed class JobServersTests
{
    [Fact]
    public async Task EachQueueHasItsServer_WithTheWorkerCountOfItsOption_AndTheRecurringJobsAreRegistered()
    {
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json", new Dictionary<string, string?>
        {
            ["Watcher:DecisionEngine:MaxAuditWorkers"] = "3",
            ["Watcher:Applier:Workers"] = "2",
            ["Watcher:DecisionEngine:ContinuousAuditInterval"] = "10",
            ["Watcher:DecisionEngine:CheckPeriodicInterval"] = "1800",
        });
        _ = factory.Services;
        var storage = factory.Services.GetRequiredService<JobStorage>();
        var status = factory.Services.GetRequiredService<JobServerStatus>();

        await Watcher.Tests.Applier.ApplierHarness.WaitUntilAsync(() => Task.FromResult(status.IsRunning(out _)), "job servers registered");
        var servers = storage.GetMonitoringApi().Servers();
        Assert.Equal(3, servers.Single(s => s.Queues.SequenceEqual([JobQueues.Audits])).WorkersCount);
        Assert.Equal(2, servers.Single(s => s.Queues.SequenceEqual([JobQueues.Applier])).WorkersCount);
        Assert.Equal(1, servers.Single(s => s.Queues.SequenceEqual([JobQueues.Housekeeping])).WorkersCount);
        Assert.True(status.IsRunning(out var detail), detail);

        using var connection = storage.GetConnection();
        var recurring = connection.GetRecurringJobs().ToDictionary(r => r.Id, r => r.Cron);
        Assert.Equal("*/10 * * * * *", recurring["continuous-audit-sweep"]);
        Assert.Equal("0 */30 * * * *", recurring["action-plan-expiry"]);
    }

    [Fact]
    public async Task TheDashboard_RefusesCallersWhoseAddressIsNotLoopback()
    {
        // The in-memory test server has no remote address: it stands for any non-loopback caller here.
        using var factory = new WatcherAppFactory("lifecycle_consolidation.json");
        var response = await factory.CreateClient().GetAsync("/hangfire");
        Assert.Equal(401, (int)response.StatusCode);
    }

    [Fact]
    public void StorageSelection_FollowsTheDatabaseProvider()
    {
        IConfiguration Config(string? provider, string? connection = null) => new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [JobStorageSelection.ProviderKey] = provider, ["ConnectionStrings:Watcher"] = connection,
            }).Build();

        Assert.Equal(JobStorageSelection.Kind.InMemory, JobStorageSelection.Select(Config(null)));
        Assert.Equal(JobStorageSelection.Kind.InMemory, JobStorageSelection.Select(Config("sqlite")));
        Assert.Equal(JobStorageSelection.Kind.PostgreSql, JobStorageSelection.Select(Config("postgresql")));
        Assert.IsType<Hangfire.InMemory.InMemoryStorage>(JobStorageSelection.Create(Config("sqlite")));
        Assert.Contains("ConnectionStrings:Watcher", Assert.Throws<InvalidOperationException>(() => JobStorageSelection.Create(Config("postgresql"))).Message);
        Assert.Contains("'oracle' is not supported", Assert.Throws<InvalidOperationException>(() => JobStorageSelection.Select(Config("oracle"))).Message);
    }
}
