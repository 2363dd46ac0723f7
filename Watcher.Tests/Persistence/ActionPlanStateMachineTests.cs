using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Persistence;
using Watcher.Tests.Support;

namespace Watcher.Tests.Persistence;

/// <summary>Action plan and action moves of reference §4.2/§4.3, and the concurrency guard on plan state.</summary>
public sealed class ActionPlanStateMachineTests
{
    private static ActionPlan PlanWith(params string[] actionTypes)
    {
        var plan = new ActionPlan();
        foreach (var type in actionTypes) plan.Actions.Add(new WatcherAction { ActionType = type });
        return plan;
    }

    private static ActionPlan PlanIn(string state)
    {
        var plan = PlanWith("nop");
        switch (state)
        {
            case "RECOMMENDED": break;
            case "PENDING": plan.Start(); break;
            case "ONGOING": plan.Start(); plan.BeginExecution("h"); break;
            case "SUCCEEDED": plan.Start(); plan.BeginExecution("h"); plan.Succeed(); break;
            case "FAILED": plan.Start(); plan.BeginExecution("h"); plan.Fail(); break;
            case "CANCELLING": plan.Start(); plan.BeginExecution("h"); plan.ChangeState("CANCELLING"); break;
            case "CANCELLED": plan.ChangeState("CANCELLED"); break;
            case "SUPERSEDED": plan.Supersede(); break;
        }
        Assert.Equal(state, plan.State);
        return plan;
    }

    [Theory]
    [InlineData("RECOMMENDED", "PENDING", true)]
    [InlineData("RECOMMENDED", "CANCELLED", true)]
    [InlineData("PENDING", "CANCELLED", true)]
    [InlineData("ONGOING", "CANCELLING", true)]
    [InlineData("RECOMMENDED", "ONGOING", false)]
    [InlineData("RECOMMENDED", "SUCCEEDED", false)]
    [InlineData("PENDING", "RECOMMENDED", false)]
    [InlineData("ONGOING", "CANCELLED", false)]
    [InlineData("SUCCEEDED", "PENDING", false)]
    [InlineData("FAILED", "PENDING", false)]
    [InlineData("CANCELLED", "PENDING", false)]
    [InlineData("SUPERSEDED", "PENDING", false)]
    [InlineData("CANCELLING", "CANCELLED", false)]
    public void ChangeState_AllowsOnlyTheApiMoves(string from, string to, bool legal)
    {
        var plan = PlanIn(from);
        if (legal)
        {
            plan.ChangeState(to);
            Assert.Equal(to, plan.State);
        }
        else
        {
            Assert.Throws<StateTransitionException>(() => plan.ChangeState(to));
            Assert.Equal(from, plan.State);
        }
    }

    [Theory]
    [InlineData("PENDING")]
    [InlineData("ONGOING")]
    [InlineData("SUCCEEDED")]
    [InlineData("CANCELLED")]
    public void Start_OnlyFromRecommended(string state)
    {
        var ex = Assert.Throws<InvalidRequestException>(() => PlanIn(state).Start());
        Assert.Equal($"Couldn't start when state is '{state}'.", ex.Message);
    }

    [Fact]
    public void Cancel_BeforeExecution_CancelsEveryPendingAction()
    {
        var plan = PlanWith("nop", "sleep");
        plan.Actions[0].Skip("Action skipped by user.");
        plan.ChangeState("CANCELLED");
        Assert.Equal(["SKIPPED", "CANCELLED"], plan.Actions.Select(a => a.State));
    }

    [Fact]
    public void Delete_SoftDeletesTheActionsAndIndicatorsToo()
    {
        var plan = PlanIn("SUCCEEDED");
        plan.EfficacyIndicators.Add(new EfficacyIndicator { Name = "instance_migrations_count" });
        plan.Delete(DateTime.UtcNow);
        Assert.Equal("DELETED", plan.State);
        Assert.True(plan.IsDeleted && plan.Actions.All(a => a.IsDeleted && a.State == "DELETED") && plan.EfficacyIndicators.All(i => i.IsDeleted));
    }

    [Theory]
    [InlineData("PENDING")]
    [InlineData("ONGOING")]
    [InlineData("CANCELLING")]
    public void Delete_WhileRunning_IsRefused(string state) =>
        Assert.Throws<InvalidRequestException>(() => PlanIn(state).Delete(DateTime.UtcNow));

    [Fact]
    public void Action_SkipIsOnlyForPendingActions_AndFailureAfterSuccessKeepsTheFirstReason()
    {
        var action = new WatcherAction();
        action.Begin();
        Assert.Throws<StateTransitionException>(() => action.Skip("late"));
        action.Succeed();
        action.StatusMessage = "Action failed in execute: first";
        action.Fail("Action failed in post_condition: second", keepExistingMessage: true);
        Assert.Equal(("FAILED", "Action failed in execute: first"), (action.State, action.StatusMessage));
        Assert.Throws<StateTransitionException>(() => action.Fail("again"));
    }

    [Theory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task TwoConcurrentStarts_OnlyOneWins(DatabaseProvider provider)
    {
        using var database = new TempDatabase(provider);
        string uuid;
        await using (var db = database.Open())
        {
            var goal = new Goal { Name = "dummy", DisplayName = "Dummy goal" };
            var strategy = new Strategy { Name = "dummy", DisplayName = "Dummy strategy", Goal = goal };
            var plan = new ActionPlan { Audit = new Audit { Name = "a", Goal = goal }, Strategy = strategy };
            db.ActionPlans.Add(plan);
            await db.SaveChangesAsync();
            uuid = plan.Uuid;
        }

        await using var first = database.Open();
        await using var second = database.Open();
        var a = await first.ActionPlans.SingleAsync(p => p.Uuid == uuid);
        var b = await second.ActionPlans.SingleAsync(p => p.Uuid == uuid);
        a.Start();
        b.Start();
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }
}
