using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Planner.Contracts;
using Watcher.Modules.Planner.Planners;

namespace Watcher.Tests.Planner;

/// <summary>Reference §8.1 and §17.4: the layered chain built from type weights and parallelization.</summary>
public class WeightPlannerTests
{
    private static WeightPlanner Planner(Action<WeightPlannerOptions>? configure = null)
    {
        var options = new WeightPlannerOptions();
        configure?.Invoke(options);
        return new WeightPlanner(Options.Create(options));
    }

    private static Solution Solution(params (string Type, string Id)[] actions)
    {
        var solution = new Solution();
        foreach (var (type, id) in actions) solution.AddAction(type, id, new JsonObject());
        return solution;
    }

    private static string Id(PlannedAction a) => a.InputParameters["resource_id"]!.GetValue<string>();

    /// <summary>Each action as "id<-parent ids" using resource ids, in plan order.</summary>
    private static List<string> Layers(IReadOnlyList<PlannedAction> plan)
    {
        var byUuid = plan.ToDictionary(a => a.Uuid, Id);
        return plan.Select(a => $"{Id(a)}<-{string.Join(",", a.Parents!.Select(p => byUuid[p]))}").ToList();
    }

    [Fact]
    public void Schedule_FiveMigratesTwoResizesOneAcpi_BuildsTheLayeredChain()
    {
        var solution = Solution(("turn_host_to_acpi_s3_state", "acpi"), ("resize", "r1"),
            ("migrate", "m1"), ("migrate", "m2"), ("migrate", "m3"), ("resize", "r2"), ("migrate", "m4"), ("migrate", "m5"));

        var plan = Planner().Schedule(solution);

        Assert.Equal(
            ["m1<-", "m2<-", "m3<-m1,m2", "m4<-m1,m2", "m5<-m3,m4", "r1<-m5", "r2<-m5", "acpi<-r1,r2"],
            Layers(plan));
    }

    [Fact]
    public void Schedule_MigrateAndResizeOfOneInstance_ResizeWaitsForTheMigration()
    {
        var plan = Planner().Schedule(Solution(("resize", "vm"), ("migrate", "vm")));

        Assert.Equal(["migrate", "resize"], plan.Select(a => a.ActionType));
        Assert.Equal([plan[0].Uuid], plan[1].Parents);
    }

    [Fact]
    public void Schedule_ServiceStateChangesRunOneByOneBeforeMigrations()
    {
        // host_maintenance with a disabled backup: enable backup, disable node, then migrations two at a time.
        var plan = Planner().Schedule(Solution(("change_nova_service_state", "enable"),
            ("change_nova_service_state", "disable"), ("migrate", "a"), ("migrate", "b"), ("migrate", "c"), ("stop", "s")));

        Assert.Equal(["enable<-", "disable<-enable", "s<-disable", "a<-s", "b<-s", "c<-a,b"], Layers(plan));
    }

    [Fact]
    public void Schedule_GivesEveryActionAFreshUuidAndKeepsItsParameters()
    {
        var plan = Planner().Schedule(Solution(("nop", "x"), ("sleep", "y")));

        Assert.All(plan, a => Assert.True(Guid.TryParse(a.Uuid, out _)));
        Assert.NotEqual(plan[0].Uuid, plan[1].Uuid);
        Assert.Equal("x", Id(plan[0]));
    }

    [Fact]
    public void Schedule_ActionTypeWithoutWeight_FailsPlanning()
    {
        var error = Assert.Throws<PlanningFailedException>(() => Planner().Schedule(Solution(("teleport", "vm"))));

        Assert.Contains("teleport", error.Message);
    }

    [Fact]
    public void Schedule_EmptySolution_GivesAnEmptyPlan()
    {
        Assert.Empty(Planner().Schedule(new Solution()));
    }

    [Fact]
    public void Schedule_ParallelizationBelowOne_IsTreatedAsOne()
    {
        var plan = Planner(o => o.Parallelization["migrate"] = 0).Schedule(Solution(("migrate", "a"), ("migrate", "b")));

        Assert.Equal(["a<-", "b<-a"], Layers(plan));
    }
}
