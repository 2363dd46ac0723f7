using Watcher.Tests.Support;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Watcher.Modules.Decision.Continuous;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Tests.Shared;

namespace Watcher.Tests.Decision.Continuous;

/// <summary>
/// The tick and the firing against a real SQLite file and a real Quartz scheduler that is never started, so
/// nothing fires by itself: the test reads the triggers Quartz holds and calls the firing by hand.
/// </summary>
public sealed class ContinuousAuditSchedulerTests : IAsyncLifetime
{
    private const string Host = "engine-a";
    private readonly TempDatabase _database = new();
    private readonly TestClock _clock = new(new DateTime(2026, 3, 1, 12, 20, 0));
    private readonly RecordingMediator _mediator = new();
    private ServiceProvider _services = null!;
    private IScheduler _scheduler = null!;

    public async Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Watcher:Host"] = Host })
            .Build();
        _services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddSingleton<IMediator>(_mediator)
            .AddWatcherDatabase(_database.Settings)
            .AddContinuousAudits(configuration)
            .BuildServiceProvider();
        _scheduler = await _services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        await using var db = _database.Open(_clock);
        db.Goals.Add(new Goal { Name = "dummy", DisplayName = "Dummy goal" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync()
    {
        await _scheduler.Shutdown(false, default);
        await _services.DisposeAsync();
        _database.Dispose();
    }

    private async Task Insert(Audit audit)
    {
        await using var db = _database.Open(_clock);
        audit.Goal = await db.Goals.SingleAsync();
        db.Audits.Add(audit);
        await db.SaveChangesAsync();
    }

    private async Task<Audit> Load(string uuid)
    {
        await using var db = _database.Open(_clock);
        return await db.Audits.SingleAsync(a => a.Uuid == uuid);
    }

    private async Task Tick()
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ContinuousAuditScheduler>().TickAsync(_scheduler, default);
    }

    private async Task<bool> Fire(string uuid, DateTime? next)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ContinuousAuditScheduler>().FireAsync(uuid, next, default);
    }

    private Task<ITrigger?> Trigger(string uuid) =>
        _scheduler.GetTrigger(new TriggerKey(uuid, ContinuousAuditScheduler.TriggerGroup), default).AsTask()!;

    private static Audit Continuous(string uuid, string interval, string? host = null) =>
        ContinuousAuditPlannerTests.Continuous(uuid, interval, host: host);

    [Fact]
    public async Task Tick_ClaimsUnownedContinuousAuditsForThisHost()
    {
        await Insert(Continuous("mine", "60"));
        await Insert(Continuous("theirs", "60", host: "engine-b"));
        var oneshot = new Audit { Uuid = "oneshot", Name = "oneshot" };
        await Insert(oneshot);

        await Tick();

        Assert.Equal(Host, (await Load("mine")).Hostname);
        Assert.Equal("engine-b", (await Load("theirs")).Hostname);
        Assert.Null((await Load("oneshot")).Hostname);
        Assert.Null(await Trigger("theirs"));
    }

    [Fact]
    public async Task Tick_SchedulesANeverRunSecondsAuditNowAndStoresTheNextRun()
    {
        await Insert(Continuous("a1", "600"));

        await Tick();

        var trigger = await Trigger("a1");
        Assert.NotNull(trigger);
        Assert.Equal(_clock.UtcNow, trigger.NextFireTimeUtc!.Value.UtcDateTime);
        Assert.Equal(_clock.UtcNow.AddSeconds(600), trigger.GetFireTimeAfter(trigger.NextFireTimeUtc)!.Value.UtcDateTime);
        Assert.Equal(_clock.UtcNow, (await Load("a1")).NextRunTime);
    }

    [Fact]
    public async Task Tick_SchedulesACronAuditOnTimeWithQuartzCron()
    {
        await Insert(Continuous("a1", "30 * * * *"));

        await Tick();

        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await Trigger("a1"));
        Assert.Equal("0 30 * * * ?", trigger.CronExpressionString);
        var expected = new DateTime(2026, 3, 1, 12, 30, 0, DateTimeKind.Utc);
        Assert.Equal(expected, trigger.NextFireTimeUtc!.Value.UtcDateTime);
        Assert.Equal(expected, (await Load("a1")).NextRunTime);
    }

    [Fact]
    public async Task Tick_AfterTheIntervalChanged_RebuildsTheTrigger()
    {
        await Insert(Continuous("a1", "600"));
        await Tick();
        await using (var db = _database.Open(_clock))
        {
            (await db.Audits.SingleAsync()).Interval = "0 3 * * *";
            await db.SaveChangesAsync();
        }

        await Tick();

        var trigger = Assert.IsAssignableFrom<ICronTrigger>(await Trigger("a1"));
        Assert.Equal(new DateTime(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc), trigger.NextFireTimeUtc!.Value.UtcDateTime);
    }

    [Fact]
    public async Task Tick_AfterTheAuditWasCancelled_RemovesItsTrigger()
    {
        await Insert(Continuous("a1", "60"));
        await Tick();
        await using (var db = _database.Open(_clock))
        {
            (await db.Audits.SingleAsync()).ChangeState(AuditStates.Cancelled);
            await db.SaveChangesAsync();
        }

        await Tick();

        Assert.Null(await Trigger("a1"));
    }

    [Fact]
    public async Task Tick_AfterTheEndTime_SucceedsTheAuditAndRemovesItsTrigger()
    {
        var ongoing = Continuous("ongoing", "60");
        ongoing.ChangeState(AuditStates.Ongoing);
        ongoing.EndTime = _clock.UtcNow.AddMinutes(1);
        var pending = Continuous("pending", "60");
        pending.EndTime = _clock.UtcNow.AddMinutes(1);
        await Insert(ongoing);
        await Insert(pending);
        await Tick();

        _clock.Advance(TimeSpan.FromMinutes(2));
        await Tick();

        Assert.Equal(AuditStates.Succeeded, (await Load("ongoing")).State);
        Assert.Equal(AuditStates.Succeeded, (await Load("pending")).State);
        Assert.Null(await Trigger("ongoing"));
        Assert.Null(await Trigger("pending"));
    }

    [Fact]
    public async Task Fire_PublishesTriggerAuditAndStoresTheNextRun()
    {
        await Insert(Continuous("a1", "60"));
        await Tick();
        var next = _clock.UtcNow.AddSeconds(60);

        Assert.True(await Fire("a1", next));

        Assert.Equal([new TriggerAudit("a1")], _mediator.Published);
        Assert.Equal(next, (await Load("a1")).NextRunTime);
    }

    [Fact]
    public async Task Fire_ForAnAuditSuspendedMeanwhile_PublishesNothing()
    {
        var audit = Continuous("a1", "60");
        audit.ChangeState(AuditStates.Ongoing);
        await Insert(audit);
        await Tick();
        await using (var db = _database.Open(_clock))
        {
            (await db.Audits.SingleAsync()).ChangeState(AuditStates.Suspended);
            await db.SaveChangesAsync();
        }

        Assert.False(await Fire("a1", _clock.UtcNow.AddSeconds(60)));
        Assert.Empty(_mediator.Published);
    }

    private sealed class RecordingMediator : IMediator
    {
        public List<INotification> Published { get; } = [];

        public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task Send(IRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task Publish<TNotification>(TNotification notification, CancellationToken cancellationToken = default)
            where TNotification : INotification
        {
            Published.Add(notification);
            return Task.CompletedTask;
        }
    }
}
