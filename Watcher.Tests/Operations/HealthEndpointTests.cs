using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Cloud;
using Watcher.Tests.Support;

namespace Watcher.Tests.Operations;

/// <summary>/healthz and /healthz/ready on the running service, outside upstream's /v1 root routing.</summary>
public sealed class HealthEndpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("watcher-health-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Liveness_AndReadiness_AreGreenOnAHealthyService_WithEachCheckSaid()
    {
        using var app = new OperationsFactory(_directory);
        var client = app.CreateClient();

        var live = await client.GetAsync("/healthz").ExpectJson();
        Assert.Equal("Healthy", (string?)live["status"]);
        var ready = await client.ReadinessAsync(200);
        Assert.Equal("Healthy", (string?)ready["status"]);
        Assert.Equal(("Healthy", "reachable and writable"), ready.Check("database"));
        Assert.Equal(("Healthy", "3 job servers running (queues default, audits, applier)"), ready.Check("job_server"));
        Assert.Equal(("Healthy", "the cloud answered: 4 compute services"), ready.Check("cloud"));

        // Upstream's root routing is untouched: any other first segment still means /v1.
        await client.GetAsync("/audits").ExpectJson();
        await client.GetAsync("/v1/healthz").ExpectError(404);
    }

    [Fact]
    public async Task Readiness_TurnsRed_OnceTheJobServersStopped()
    {
        using var app = new OperationsFactory(_directory);
        var client = app.CreateClient();
        await client.WaitForReadinessAsync(200);   // the servers start once the app has started

        await app.Services.GetRequiredService<JobServers>().StopAsync(CancellationToken.None);
        var report = await client.ReadinessAsync(503);
        Assert.StartsWith("job servers not running: ", report.Check("job_server").Description);
        Assert.Equal("Unhealthy", report.Check("job_server").Status);
        Assert.Equal("Healthy", report.Check("database").Status);
        await client.GetAsync("/healthz").ExpectStatus(200);   // alive all the same: restarting would not help
    }

    [Fact]
    public async Task Readiness_TurnsRed_WhenTheCloudBackendCannotBeReached()
    {
        using var app = new OperationsFactory(_directory, services => services.AddSingleton(UnreachableCloud.Create()));
        var client = app.CreateClient();

        var report = await client.ReadinessAsync(503);
        Assert.Equal(("Unhealthy", "the cloud backend cannot be reached: connection refused (test)"), report.Check("cloud"));
        Assert.Equal("Healthy", report.Check("database").Status);
    }

    [Fact]
    public async Task Readiness_AsksTheBackendsOwnProbe_AndSaysWhatItAnswered()
    {
        // What the OpenStack backend's probe answers (token, Nova's and Placement's version documents).
        var probe = new FixedProbe(new CloudProbeResult(false, "Nova (http://nova.example:8774/v2.1) is unreachable: connection refused"));
        using var app = new OperationsFactory(_directory, services => services.AddSingleton<ICloudProbe>(probe));
        var client = app.CreateClient();

        var report = await client.ReadinessAsync(503);
        Assert.Equal(("Unhealthy", "the cloud backend cannot be reached: Nova (http://nova.example:8774/v2.1) is unreachable: connection refused"),
            report.Check("cloud"));

        probe.Result = new CloudProbeResult(true, "Keystone (http://keystone.example/v3), Nova (http://nova.example:8774/v2.1) and Placement (http://placement.example) answer");
        report = await client.ReadinessAsync(200);
        Assert.Equal(("Healthy", probe.Result.Description), report.Check("cloud"));
        Assert.True(probe.Calls >= 2);
    }

    private sealed class FixedProbe(CloudProbeResult result) : ICloudProbe
    {
        public CloudProbeResult Result { get; set; } = result;
        public int Calls;

        public Task<CloudProbeResult> ProbeAsync(CancellationToken ct = default)
        {
            Interlocked.Increment(ref Calls);
            return Task.FromResult(Result);
        }
    }

    /// <summary>A cloud whose every call fails as an unreachable endpoint does.</summary>
    public class UnreachableCloud : DispatchProxy
    {
        public static IComputeCloud Create() => Create<IComputeCloud, UnreachableCloud>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new CloudException("connection refused (test)");
    }
}
