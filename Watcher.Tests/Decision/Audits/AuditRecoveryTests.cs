using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Watcher.Modules.Decision.Audits;
using Watcher.Modules.Decision.Continuous;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;
using Watcher.Tests.Shared;
using Watcher.Tests.Support;

namespace Watcher.Tests.Decision.Audits;

/// <summary>Restart reconciliation and liveness recovery of audits, on each database provider.</summary>
public abstract class AuditRecoveryTests(DatabaseProvider provider) : IDisposable
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
    private readonly TempDatabase _database = new(provider);
    private readonly TestClock _clock = new(Now);
    private readonly ProcessIdentity _me = new("engine-new");

    public void Dispose() => _database.Dispose();

    /// <summary>A process row that beat <paramref name="lastBeat"/> seconds ago (heartbeat 60 s: dead after 125 s).</summary>
    internal static WatcherProcess Process(string id, string host, double lastBeat, DateTime now) =>
        new() { InstanceId = id, Host = host, StartedAt = now.AddHours(-1), LastSeenUp = now.AddSeconds(-lastBeat) };

    [Fact]
    public async Task OngoingAuditsOfADeadProcess_AreCancelledWithAReason_WhateverItsHostName()
    {
        await using (var db = _database.Open(_clock))
        {
            var goal = new Goal { Name = "dummy", DisplayName = "Dummy goal" };
            // Moved to ONGOING through the API (no process claimed it).
            Audit Unclaimed(string name, DateTime at)
            {
                var audit = new Audit { Name = name, Goal = goal, CreatedAt = at };
                audit.ChangeState(AuditStates.Ongoing);
                return audit;
            }
            Audit Make(string name, string type, string instance, string host)
            {
                var audit = new Audit { Name = name, Goal = goal, AuditType = type, Interval = type == AuditTypes.Continuous ? "60" : null };
                audit.BeginRun(host, instance);
                return audit;
            }
            db.Processes.AddRange(Process("dead", "old-container", 300, Now), Process("alive", "engine-b", 30, Now));
            db.Audits.AddRange(
                Make("dead-oneshot", AuditTypes.Oneshot, "dead", "old-container"),
                Make("dead-event", AuditTypes.Event, "dead", "old-container"),
                Make("dead-continuous", AuditTypes.Continuous, "dead", "old-container"),
                Make("alive-oneshot", AuditTypes.Oneshot, "alive", "engine-b"),
                Make("mine", AuditTypes.Oneshot, _me.InstanceId, _me.Host),
                Unclaimed("patched-long-ago", Now.AddMinutes(-10)), Unclaimed("patched-just-now", Now));
            await db.SaveChangesAsync();
        }

        await using (var db = _database.Open(_clock))
            await new RecoverOrphanedAudits(db, _me, Options.Create(new ServiceHeartbeatOptions()), NullLogger<RecoverOrphanedAudits>.Instance)
                .Handle(new RecoverOrphanedWork(), default);

        await using var check = _database.Open(_clock);
        var audits = await check.Audits.ToDictionaryAsync(a => a.Name);
        Assert.Equal(AuditStates.Cancelled, audits["dead-oneshot"].State);
        Assert.Equal("Audit was cancelled because decision engine old-container was stopped while the audit was ongoing.",
            audits["dead-oneshot"].StatusMessage);
        Assert.Equal(AuditStates.Cancelled, audits["dead-event"].State);
        Assert.Equal((AuditStates.Ongoing, (string?)null), (audits["dead-continuous"].State, audits["dead-continuous"].ClaimedBy));
        Assert.Equal(AuditStates.Ongoing, audits["alive-oneshot"].State);
        Assert.Equal(AuditStates.Ongoing, audits["mine"].State);
        Assert.Equal(AuditStates.Cancelled, audits["patched-long-ago"].State);
        Assert.Contains("decision engine (unknown) was stopped", audits["patched-long-ago"].StatusMessage);
        Assert.Equal(AuditStates.Ongoing, audits["patched-just-now"].State);   // its job may still run it
    }

    [Fact]
    public async Task StartUp_QueuesTheOneshotAuditsStillPending()
    {
        string waiting;
        await using (var db = _database.Open(_clock))
        {
            var goal = new Goal { Name = "dummy", DisplayName = "Dummy goal" };
            var audit = new Audit { Name = "waiting", Goal = goal };
            db.Audits.AddRange(audit, new Audit { Name = "event", Goal = goal, AuditType = AuditTypes.Event });
            await db.SaveChangesAsync();
            waiting = audit.Uuid;
        }
        var jobs = new RecordingJobs();

        await using (var db = _database.Open(_clock))
        {
            var continuous = new ContinuousAuditScheduler(db, jobs, null!, _me,
                Options.Create(new ContinuousAuditOptions()), NullLogger<ContinuousAuditScheduler>.Instance);
            Assert.Equal((1, 0), await new ReconcileAuditsHandler(db, jobs, continuous).Handle(new ReconcileAudits(), default));
        }

        Assert.Equal([$"RunAsync({waiting})"], jobs.Waiting.Select(j => j.Describe()));
    }
}

public sealed class AuditRecoveryTestsOnSqlite() : AuditRecoveryTests(DatabaseProvider.Sqlite);

public sealed class AuditRecoveryTestsOnPostgreSql() : AuditRecoveryTests(DatabaseProvider.PostgreSql);
