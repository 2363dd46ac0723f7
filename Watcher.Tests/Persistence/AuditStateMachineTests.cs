using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Tests.Persistence;

/// <summary>The audit transition table of reference §4.1, cell by cell.</summary>
public sealed class AuditStateMachineTests
{
    private static readonly Dictionary<string, string[]> Legal = new()
    {
        ["PENDING"] = ["ONGOING", "CANCELLED"],
        ["ONGOING"] = ["FAILED", "SUCCEEDED", "CANCELLED", "SUSPENDED"],
        ["FAILED"] = ["DELETED"],
        ["SUCCEEDED"] = ["DELETED"],
        ["CANCELLED"] = ["DELETED"],
        ["SUSPENDED"] = ["ONGOING", "DELETED"],
        ["DELETED"] = [],
    };

    public static TheoryData<string, string> AllPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var from in AuditStates.All)
            foreach (var to in AuditStates.All)
                data.Add(from, to);
        return data;
    }

    /// <summary>An audit brought to <paramref name="state"/> through its own methods.</summary>
    internal static Audit AuditIn(string state)
    {
        var audit = new Audit();
        switch (state)
        {
            case "PENDING": break;
            case "ONGOING": audit.BeginRun("h"); break;
            case "SUCCEEDED": audit.BeginRun("h"); audit.Succeed(); break;
            case "FAILED": audit.BeginRun("h"); audit.Fail(); break;
            case "CANCELLED": audit.Cancel(); break;
            case "SUSPENDED": audit.BeginRun("h"); audit.ChangeState("SUSPENDED"); break;
            case "DELETED": audit.BeginRun("h"); audit.Succeed(); audit.Delete(DateTime.UtcNow); break;
        }
        Assert.Equal(state, audit.State);
        return audit;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void ChangeState_FollowsTheApiTransitionTable(string from, string to)
    {
        var audit = AuditIn(from);
        if (Legal[from].Contains(to))
        {
            audit.ChangeState(to);
            Assert.Equal(to, audit.State);
        }
        else
        {
            var ex = Assert.Throws<StateTransitionException>(() => audit.ChangeState(to));
            Assert.Equal($"State transition not allowed: ({from} -> {to})", ex.Message);
            Assert.Equal(from, audit.State);
        }
    }

    [Theory]
    [InlineData("FAILED")]
    [InlineData("SUCCEEDED")]
    [InlineData("CANCELLED")]
    [InlineData("SUSPENDED")]
    public void Delete_FromAFinishedState_MarksDeletedAndSoftDeletes(string state)
    {
        var audit = AuditIn(state);
        audit.Delete(DateTime.UtcNow);
        Assert.Equal("DELETED", audit.State);
        Assert.True(audit.IsDeleted);
    }

    [Theory]
    [InlineData("PENDING")]
    [InlineData("ONGOING")]
    public void Delete_WhileRunnable_IsRefusedWithUpstreamsMessage(string state)
    {
        var audit = AuditIn(state);
        var ex = Assert.Throws<InvalidRequestException>(() => audit.Delete(DateTime.UtcNow));
        Assert.Equal($"Couldn't delete when state is '{state}'.", ex.Message);
        Assert.False(audit.IsDeleted);
    }

    [Fact]
    public void BeginRun_ReRunsASucceededEventAudit_AndStampsTheEngineHost()
    {
        var audit = AuditIn("SUCCEEDED");
        audit.BeginRun("engine-2");
        Assert.Equal(("ONGOING", "engine-2"), (audit.State, audit.Hostname));
    }

    [Theory]
    [InlineData("CANCELLED")]
    [InlineData("FAILED")]
    [InlineData("SUSPENDED")]
    public void BeginRun_FromAStoppedState_IsRefused(string state) =>
        Assert.Throws<StateTransitionException>(() => AuditIn(state).BeginRun("h"));

    [Fact]
    public void EveryStateChange_BumpsTheConcurrencyVersion()
    {
        var audit = new Audit();
        audit.BeginRun("h");
        audit.Succeed();
        Assert.Equal(2, audit.Version);
    }
}
