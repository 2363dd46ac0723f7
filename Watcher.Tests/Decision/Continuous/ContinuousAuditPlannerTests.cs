using Watcher.Modules.Decision.Continuous;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Decision.Continuous;

public sealed class ContinuousAuditPlannerTests
{
    private const string Host = "engine-a";
    private static readonly DateTime Now = new(2026, 3, 1, 12, 20, 0, DateTimeKind.Utc);
    private static readonly Dictionary<string, string> NothingScheduled = new();

    internal static Audit Continuous(string uuid, string interval, string? state = null, string? host = Host)
    {
        var audit = new Audit { Uuid = uuid, Name = uuid, AuditType = AuditTypes.Continuous, Interval = interval, Hostname = host };
        switch (state)
        {
            case AuditStates.Ongoing: audit.ChangeState(AuditStates.Ongoing); break;
            case AuditStates.Cancelled: audit.ChangeState(AuditStates.Cancelled); break;
            case AuditStates.Suspended: audit.ChangeState(AuditStates.Ongoing); audit.ChangeState(AuditStates.Suspended); break;
            case AuditStates.Failed: audit.ChangeState(AuditStates.Ongoing); audit.ChangeState(AuditStates.Failed); break;
            case AuditStates.Succeeded: audit.ChangeState(AuditStates.Ongoing); audit.ChangeState(AuditStates.Succeeded); break;
        }
        return audit;
    }

    private static ContinuousAuditDecisions Decide(IReadOnlyDictionary<string, string> scheduled, params Audit[] audits) =>
        ContinuousAuditPlanner.Decide(audits, scheduled, Host, Now);

    [Fact]
    public void NeverRunAudit_WithSecondsInterval_IsScheduledToRunNow()
    {
        var decisions = Decide(NothingScheduled, Continuous("a1", "600"));

        var plan = Assert.Single(decisions.Schedule);
        Assert.Equal(new EverySeconds(600, Now), plan.Schedule);
        Assert.Equal("600", plan.Interval);
    }

    [Fact]
    public void AuditWithPastNextRun_KeepsItsRhythmAfterARestart()
    {
        var audit = Continuous("a1", "10");
        audit.NextRunTime = Now.AddSeconds(-25);

        var plan = Assert.Single(Decide(NothingScheduled, audit).Schedule);

        Assert.Equal(Now.AddSeconds(5), plan.Schedule.NextRunUtc);
    }

    [Fact]
    public void AuditWithFutureNextRun_KeepsThatTime()
    {
        var audit = Continuous("a1", "3600");
        audit.NextRunTime = Now.AddMinutes(30);

        Assert.Equal(Now.AddMinutes(30), Assert.Single(Decide(NothingScheduled, audit).Schedule).Schedule.NextRunUtc);
    }

    [Fact]
    public void CronAudit_IsScheduledOnItsTranslatedCronAtTheNextCronTime()
    {
        var plan = Assert.Single(Decide(NothingScheduled, Continuous("a1", "0 */2 * * *")).Schedule);

        Assert.Equal(new OnCron("0 0 */2 * * ?", new DateTime(2026, 3, 1, 14, 0, 0, DateTimeKind.Utc)), plan.Schedule);
    }

    [Fact]
    public void ScheduledAudit_WithTheSameInterval_IsLeftAlone()
    {
        var decisions = Decide(new Dictionary<string, string> { ["a1"] = "60" }, Continuous("a1", "60", AuditStates.Ongoing));

        Assert.Empty(decisions.Schedule);
        Assert.Empty(decisions.Unschedule);
    }

    [Fact]
    public void ScheduledAudit_WhoseIntervalChanged_IsRescheduled()
    {
        var decisions = Decide(new Dictionary<string, string> { ["a1"] = "60" }, Continuous("a1", "120", AuditStates.Ongoing));

        Assert.Equal("120", Assert.Single(decisions.Schedule).Interval);
        Assert.Empty(decisions.Unschedule);
    }

    [Theory]
    [InlineData(AuditStates.Cancelled)]
    [InlineData(AuditStates.Suspended)]
    [InlineData(AuditStates.Failed)]
    [InlineData(AuditStates.Succeeded)]
    public void ScheduledAudit_NoLongerActive_IsUnscheduled(string state)
    {
        var decisions = Decide(new Dictionary<string, string> { ["a1"] = "60" }, Continuous("a1", "60", state));

        Assert.Equal(["a1"], decisions.Unschedule);
        Assert.Empty(decisions.Schedule);
    }

    [Fact]
    public void ScheduledAudit_DeletedOrOwnedByAnotherHost_IsUnscheduled()
    {
        var scheduled = new Dictionary<string, string> { ["gone"] = "60", ["moved"] = "60" };

        var decisions = Decide(scheduled, Continuous("moved", "60", AuditStates.Ongoing, host: "engine-b"));

        Assert.Equal(["gone", "moved"], decisions.Unschedule.Order());
        Assert.Empty(decisions.Schedule);
    }

    [Fact]
    public void AuditWhoseWindowHasNotStarted_Waits()
    {
        var audit = Continuous("a1", "60");
        audit.StartTime = Now.AddMinutes(5);

        var decisions = Decide(new Dictionary<string, string> { ["a1"] = "60" }, audit);

        Assert.Empty(decisions.Schedule);
        Assert.Equal(["a1"], decisions.Unschedule);
        Assert.Empty(decisions.Expired);
    }

    [Fact]
    public void AuditWhoseWindowHasEnded_ExpiresAndLosesItsTrigger()
    {
        var audit = Continuous("a1", "60", AuditStates.Ongoing);
        audit.EndTime = Now.AddSeconds(-1);

        var decisions = Decide(new Dictionary<string, string> { ["a1"] = "60" }, audit);

        Assert.Equal(["a1"], decisions.Expired);
        Assert.Equal(["a1"], decisions.Unschedule);
        Assert.Empty(decisions.Schedule);
    }

    [Fact]
    public void OtherAudits_AreNotScheduled()
    {
        var oneshot = Continuous("oneshot", "60");
        oneshot.AuditType = AuditTypes.Oneshot;

        var decisions = Decide(NothingScheduled, oneshot, Continuous("elsewhere", "60", host: "engine-b"),
            Continuous("unclaimed", "60", host: null), Continuous("garbled", "every minute"), Continuous("zero", "0"));

        Assert.Empty(decisions.Schedule);
    }
}
