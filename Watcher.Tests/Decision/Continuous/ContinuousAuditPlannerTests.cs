using Watcher.Modules.Decision.Continuous;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Tests.Decision.Continuous;

/// <summary>The time arithmetic of continuous audits (reference §5.3).</summary>
public sealed class ContinuousAuditPlannerTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 12, 20, 0, DateTimeKind.Utc);

    internal static Audit Continuous(string uuid, string interval, string? state = null)
    {
        var audit = new Audit { Uuid = uuid, Name = uuid, AuditType = AuditTypes.Continuous, Interval = interval };
        switch (state)
        {
            case AuditStates.Ongoing: audit.ChangeState(AuditStates.Ongoing); break;
            case AuditStates.Cancelled: audit.ChangeState(AuditStates.Cancelled); break;
            case AuditStates.Suspended: audit.ChangeState(AuditStates.Ongoing); audit.ChangeState(AuditStates.Suspended); break;
        }
        return audit;
    }

    [Fact]
    public void NeverRunSecondsAudit_RunsNow() =>
        Assert.Equal(Now, ContinuousAuditPlanner.FirstRun("600", null, null, Now));

    [Fact]
    public void AfterARestart_ASecondsAuditKeepsItsRhythm() =>
        Assert.Equal(Now.AddSeconds(5), ContinuousAuditPlanner.FirstRun("10", Now.AddSeconds(-25), null, Now));

    [Fact]
    public void AFutureNextRun_IsKept() =>
        Assert.Equal(Now.AddMinutes(30), ContinuousAuditPlanner.FirstRun("3600", Now.AddMinutes(30), null, Now));

    [Fact]
    public void CronAudit_FirstRunsAtTheNextCronTime() =>
        Assert.Equal(new DateTime(2026, 3, 1, 12, 30, 0, DateTimeKind.Utc), ContinuousAuditPlanner.FirstRun("30 * * * *", null, null, Now));

    [Fact]
    public void AFutureStartTime_DelaysTheFirstRun()
    {
        var start = Now.AddHours(2).AddSeconds(7);
        Assert.Equal(start, ContinuousAuditPlanner.FirstRun("60", null, start, Now));
        Assert.Equal(new DateTime(2026, 3, 1, 15, 0, 0, DateTimeKind.Utc), ContinuousAuditPlanner.FirstRun("0 * * * *", null, start, Now));
    }

    [Fact]
    public void NextRun_FollowsTheRhythm_AndALateTickSkipsToTheNextPointInsteadOfBursting()
    {
        Assert.Equal(Now.AddSeconds(10), ContinuousAuditPlanner.NextRun("10", Now, Now.AddSeconds(1)));
        Assert.Equal(Now.AddSeconds(40), ContinuousAuditPlanner.NextRun("10", Now, Now.AddSeconds(35)));
        Assert.Equal(new DateTime(2026, 3, 1, 13, 30, 0, DateTimeKind.Utc), ContinuousAuditPlanner.NextRun("30 * * * *", Now.AddMinutes(10), Now.AddMinutes(10)));
    }

    [Fact]
    public void TimesAreWholeMilliseconds()
    {
        var now = Now.AddTicks(1234567);
        Assert.Equal(Now.AddMilliseconds(123), ContinuousAuditPlanner.FirstRun("10", null, null, now));
    }

    [Theory]
    [InlineData("10", true)]
    [InlineData(" 3600 ", true)]
    [InlineData("0", false)]
    [InlineData("-5", false)]
    [InlineData("*/5 * * * *", false)]
    public void SecondsIntervals_AreUpstreamsIntLike(string interval, bool seconds) =>
        Assert.Equal(seconds, ContinuousAuditPlanner.TryParseSeconds(interval, out _));

    [Fact]
    public void OnlyPendingAndOngoingAuditsAreActive()
    {
        Assert.True(ContinuousAuditPlanner.IsActive(Continuous("a", "10")));
        Assert.True(ContinuousAuditPlanner.IsActive(Continuous("a", "10", AuditStates.Ongoing)));
        Assert.False(ContinuousAuditPlanner.IsActive(Continuous("a", "10", AuditStates.Suspended)));
        Assert.False(ContinuousAuditPlanner.IsActive(Continuous("a", "10", AuditStates.Cancelled)));
    }
}
