using System.Collections.Concurrent;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Decision.Audits;
using Watcher.Modules.Decision.Continuous;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Scheduling;
using Watcher.Modules.Shared.Services;
using Watcher.Tests.Shared;
using Watcher.Tests.Support;

namespace Watcher.Tests.Decision.Continuous;

/// <summary>
/// Continuous audits with a controlled clock: a real SQLite file, the scheduler as the host wires it, the job
/// system replaced by a list the test fires by hand, and the audit run replaced by a recorder of RunAudit.
/// Two containers on one database stand for two processes; every test runs on SQLite and on PostgreSQL, whose
/// concurrent transactions really overlap (the real processes of Host/HighAvailabilityTests take ticks too).
/// </summary>
public abstract class ContinuousAuditSchedulerTests(DatabaseProvider provider) : IAsyncLifetime
{
    private static readonly DateTime Start = new(2026, 3, 1, 12, 20, 0, DateTimeKind.Utc);
    private readonly TempDatabase _database = new(provider);
    private readonly TestClock _clock = new(Start);
    private readonly RecordingJobs _jobs = new();
    private readonly ConcurrentQueue<string> _runs = new();
    private ServiceProvider _engineA = null!;
    private ServiceProvider _engineB = null!;

    public async Task InitializeAsync()
    {
        _engineA = Build("engine-a");
        _engineB = Build("engine-b");
        await using var db = _database.Open(_clock);
        db.Goals.Add(new Goal { Name = "dummy", DisplayName = "Dummy goal" });
        await db.SaveChangesAsync();
    }

    private ServiceProvider Build(string host)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Watcher:Host"] = host })
            .Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IBackgroundJobs>(_jobs)
            .AddSingleton<IMediator>(new RunRecorder(_runs))
            .AddWatcherDatabase(_database.Settings)
            .AddContinuousAudits(configuration)
            .AddScoped<EnqueueTriggeredAudit>()
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _engineA.DisposeAsync();
        await _engineB.DisposeAsync();
        _database.Dispose();
    }

    private async Task<string> Create(string interval, DateTime? start = null, DateTime? end = null)
    {
        var audit = ContinuousAuditPlannerTests.Continuous(Guid.NewGuid().ToString(), interval);
        audit.StartTime = start;
        audit.EndTime = end;
        await using (var db = _database.Open(_clock))
        {
            audit.Goal = await db.Goals.SingleAsync();
            db.Audits.Add(audit);
            await db.SaveChangesAsync();
        }
        // What the API does right after the insert.
        await using var scope = _engineA.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<EnqueueTriggeredAudit>().Handle(new TriggerAudit(audit.Uuid), default);
        return audit.Uuid;
    }

    private async Task<Audit> Load(string uuid)
    {
        await using var db = _database.Open(_clock);
        return await db.Audits.SingleAsync(a => a.Uuid == uuid);
    }

    private async Task Update(string uuid, Action<Audit> change)
    {
        await using var db = _database.Open(_clock);
        change(await db.Audits.SingleAsync(a => a.Uuid == uuid));
        await db.SaveChangesAsync();
    }

    /// <summary>Moves the clock second by second, firing due jobs; returns the run times of the audit.</summary>
    private async Task<List<DateTime>> RunUntil(DateTime until)
    {
        var runs = new List<DateTime>();
        while (_clock.UtcNow <= until)
        {
            var before = _runs.Count;
            await _jobs.RunDueAsync(_engineA, _clock.UtcNow);
            for (var i = before; i < _runs.Count; i++) runs.Add(_clock.UtcNow);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
        return runs;
    }

    private async Task Sweep(ServiceProvider engine)
    {
        await using var scope = engine.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ContinuousAuditScheduler>().SweepAsync(default);
    }

    [Fact]
    public async Task SecondsAudit_RunsAtOnceWhenCreated_ThenOnEveryInterval_EvenASubMinuteOne()
    {
        var uuid = await Create("10");

        var runs = await RunUntil(Start.AddSeconds(35));

        Assert.Equal([Start, Start.AddSeconds(10), Start.AddSeconds(20), Start.AddSeconds(30)], runs);
        Assert.Equal(Start.AddSeconds(40), (await Load(uuid)).NextRunTime);
    }

    [Fact]
    public async Task CronAudit_RunsOnItsCronTimesOnly()
    {
        var uuid = await Create("*/15 * * * *");
        Assert.Equal(Start.AddMinutes(10), (await Load(uuid)).NextRunTime);   // 12:30, not at once (§5.3)

        var runs = await RunUntil(Start.AddMinutes(26));

        Assert.Equal([Start.AddMinutes(10), Start.AddMinutes(25)], runs);
        Assert.Equal(Start.AddMinutes(40), (await Load(uuid)).NextRunTime);
    }

    [Fact]
    public async Task StartAndEndTime_BoundTheRuns_AndTheAuditSucceedsAtTheEnd()
    {
        var uuid = await Create("60", start: Start.AddSeconds(90), end: Start.AddSeconds(250));

        var runs = await RunUntil(Start.AddSeconds(300));

        Assert.Equal([Start.AddSeconds(90), Start.AddSeconds(150), Start.AddSeconds(210)], runs);
        var audit = await Load(uuid);
        Assert.Equal(AuditStates.Succeeded, audit.State);
        Assert.Null(audit.NextRunTime);
        Assert.Empty(_jobs.Waiting);
    }

    [Fact]
    public async Task SuspendedAudit_StopsTicking_AndResumesOnTheSweepAfterItIsOngoingAgain()
    {
        var uuid = await Create("10");
        await RunUntil(Start.AddSeconds(5));
        await Update(uuid, a => a.ChangeState(AuditStates.Ongoing));
        await Update(uuid, a => a.ChangeState(AuditStates.Suspended));

        Assert.Empty(await RunUntil(Start.AddSeconds(60)));
        Assert.Empty(_jobs.Waiting);

        await Update(uuid, a => a.ChangeState(AuditStates.Ongoing));
        await Sweep(_engineA);
        Assert.Single(await RunUntil(Start.AddSeconds(70)));
    }

    [Fact]
    public async Task AnIntervalMadeShorter_TakesEffectOnTheNextSweep_NotAfterTheOldInterval()
    {
        var uuid = await Create("3600");
        Assert.Single(await RunUntil(Start.AddSeconds(2)));
        await Update(uuid, a => a.Interval = "10");

        await Sweep(_engineA);

        Assert.Equal(_clock.UtcNow.AddSeconds(10), (await Load(uuid)).NextRunTime);
        Assert.Equal(2, (await RunUntil(_clock.UtcNow.AddSeconds(21))).Count);
    }

    [Fact]
    public async Task ATickTakenWhileARunGoesOn_LetsThatRunRecordItsEnd_SoTheAuditKeepsTicking()
    {
        var uuid = await Create("10");
        Assert.Single(await RunUntil(Start));
        // The run the first tick started, claiming the audit as RunAudit does; it lasts longer than the interval.
        await using var run = _database.Open(_clock);
        var audit = await run.Audits.SingleAsync(a => a.Uuid == uuid);
        audit.BeginRun("engine-a", "instance-a");
        await run.SaveChangesAsync();

        Assert.Single(await RunUntil(Start.AddSeconds(10)));   // the next tick comes (its run is skipped by RunAudit)
        audit.EndRun();
        // Before, taking a tick bumped the audit's version, so this save failed: the run wrote no plan and held the
        // audit for good, and every later run was skipped as "being run by a live process".
        await run.SaveChangesAsync();

        var stored = await Load(uuid);
        Assert.Null(stored.ClaimedBy);
        Assert.Equal(Start.AddSeconds(20), stored.NextRunTime);
    }

    [Fact]
    public async Task TwoProcessesFiringTheSameTick_RunTheAuditOnce()
    {
        var uuid = await Create("10");
        var tick = Assert.Single(_jobs.Waiting);
        _jobs.Clear();

        // The same delayed job fired on both processes at once (a duplicate after a restart, or two storages).
        await Task.WhenAll(RecordingJobs.RunAsync(_engineA, tick), RecordingJobs.RunAsync(_engineB, tick),
            RecordingJobs.RunAsync(_engineA, tick), RecordingJobs.RunAsync(_engineB, tick));

        Assert.Equal([uuid], _runs);
        Assert.Single(_jobs.Waiting);   // and one next tick, not two
        Assert.Equal(Start.AddSeconds(10), (await Load(uuid)).NextRunTime);
    }

    [Fact]
    public async Task TwoProcessesSweepingTogether_ArmALostAuditOnce()
    {
        var uuid = await Create("10");
        _jobs.Clear();   // the tick job was lost (the process that held it died)
        _clock.Advance(TimeSpan.FromMinutes(5));

        await Task.WhenAll(Sweep(_engineA), Sweep(_engineB));

        var tick = Assert.Single(_jobs.Waiting);
        Assert.Equal(_clock.UtcNow.AddSeconds(10), tick.DueUtc);   // the rhythm's next point after now
        Assert.Single(await RunUntil(_clock.UtcNow.AddSeconds(10)));
    }

    [Fact]
    public async Task StartUp_SchedulesEveryActiveAuditAgainFromTheTable()
    {
        var ahead = await Create("3600");
        var behind = await Create("10");
        await Update(ahead, a => a.NextRunTime = Start.AddMinutes(30));
        await Update(behind, a => a.NextRunTime = Start.AddSeconds(-25));
        _jobs.Clear();

        await using (var scope = _engineB.CreateAsyncScope())
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<ContinuousAuditScheduler>().RearmAllAsync(default));

        Assert.Equal([Start.AddSeconds(5), Start.AddMinutes(30)], _jobs.Waiting.Select(j => j.DueUtc!.Value).Order());
        Assert.Equal(Start.AddMinutes(30), (await Load(ahead)).NextRunTime);
        Assert.Equal(Start.AddSeconds(5), (await Load(behind)).NextRunTime);
    }

    /// <summary>Records RunAudit instead of running a strategy.</summary>
    private sealed class RunRecorder(ConcurrentQueue<string> runs) : IMediator
    {
        public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
        {
            if (request is not RunAudit run) throw new NotSupportedException(request.GetType().Name);
            runs.Enqueue(run.AuditUuid);
            return Task.FromResult((TResponse)(object)Unit.Value);
        }

        public Task Send(IRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification => Task.CompletedTask;
    }
}

public sealed class ContinuousAuditSchedulerTestsOnSqlite() : ContinuousAuditSchedulerTests(DatabaseProvider.Sqlite);

public sealed class ContinuousAuditSchedulerTestsOnPostgreSql() : ContinuousAuditSchedulerTests(DatabaseProvider.PostgreSql);
