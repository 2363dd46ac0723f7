using System.Text.Json.Nodes;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Planner.Contracts;
using Watcher.Modules.Planner.Planners;

namespace Watcher.Tests.Planner;

/// <summary>Reference §8.3 / §17.4: disables, then one migration chain per source, then enables after every chain.</summary>
public class NodeResourceConsolidationPlannerTests
{
    private static Solution Solution(params (string Type, JsonObject Input)[] actions)
    {
        var solution = new Solution();
        foreach (var (type, input) in actions) solution.AddAction(type, null, input);
        return solution;
    }

    private static JsonObject State(string host, string state) => new() { ["state"] = state, ["resource_name"] = host };

    private static JsonObject Move(string vm, string source) =>
        new() { ["migration_type"] = "live", ["source_node"] = source, ["resource_name"] = vm };

    [Fact]
    public void Schedule_DisablesFirst_ChainsPerSource_EnablesAfterTheLastOfEachChain()
    {
        var planned = new NodeResourceConsolidationPlanner().Schedule(Solution(
            ("change_nova_service_state", State("h5", "disabled")),
            ("change_nova_service_state", State("h4", "disabled")),
            ("migrate", Move("a", "h4")),
            ("migrate", Move("b", "h7")),
            ("migrate", Move("c", "h4")),
            ("change_nova_service_state", State("h5", "enabled")),
            ("change_nova_service_state", State("h4", "enabled"))));

        string Name(PlannedAction a) => a.InputParameters["resource_name"]!.GetValue<string>() + ":" + a.ActionType[..3];
        Assert.Equal(["h5:cha", "h4:cha", "a:mig", "c:mig", "b:mig", "h5:cha", "h4:cha"], planned.Select(Name));
        var uuid = planned.Where(a => a.ActionType == "migrate").ToDictionary(Name, a => a.Uuid);
        string[] disables = [planned[0].Uuid, planned[1].Uuid];
        Assert.Empty(planned[0].Parents!);
        Assert.Equal(disables, planned[2].Parents);                       // a: first of h4's chain
        Assert.Equal([.. disables, uuid["a:mig"]], planned[3].Parents);  // c after a
        Assert.Equal(disables, planned[4].Parents);                       // b: first of h7's chain
        Assert.Equal([uuid["c:mig"], uuid["b:mig"]], planned[5].Parents);
        Assert.Equal([uuid["c:mig"], uuid["b:mig"]], planned[6].Parents);
    }

    [Fact]
    public void Schedule_WithoutDisables_ChainsStartAtOnce()
    {
        var planned = new NodeResourceConsolidationPlanner().Schedule(Solution(("migrate", Move("a", "h1")), ("migrate", Move("b", "h2"))));

        Assert.All(planned, p => Assert.Empty(p.Parents!));
    }

    [Fact]
    public void Schedule_OtherActionTypes_AreNotSupported()
    {
        var error = Assert.Throws<PlanningFailedException>(() =>
            new NodeResourceConsolidationPlanner().Schedule(Solution(("nop", new JsonObject { ["message"] = "x" }))));

        Assert.Equal("Provided nop is not supported yet", error.Message);
    }

    [Fact]
    public void Schedule_EmptySolution_IsEmpty()
    {
        Assert.Empty(new NodeResourceConsolidationPlanner().Schedule(new Solution()));
    }

    [Fact]
    public void Schedule_HugePlans_KeepTheChainButDoNotRepeatTheDisablesOnEveryMigration()
    {
        var actions = new List<(string, JsonObject)>();
        for (var h = 0; h < 1000; h++) actions.Add(("change_nova_service_state", State($"h{h}", "disabled")));
        for (var m = 0; m < 1001; m++) actions.Add(("migrate", Move($"vm{m}", "h0")));

        var planned = new NodeResourceConsolidationPlanner().Schedule(Solution([.. actions]));

        Assert.Equal(1000, planned[1000].Parents!.Count);                  // the chain's head waits for every disable
        Assert.Equal([planned[1000].Uuid], planned[1001].Parents);         // the rest follow their predecessor only
    }
}
