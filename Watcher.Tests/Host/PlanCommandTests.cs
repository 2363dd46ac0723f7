using System.Text.Json.Nodes;
using Watcher.Host;
using Watcher.Tests.Support;

namespace Watcher.Tests.Host;

/// <summary>The offline `plan` verb, run in-process.</summary>
public class PlanCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = PlanCommand.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Plan_Json_PrintsPlannedActionsIndicatorsAndTimings()
    {
        var (code, output, error) = Run("--scenario", TestPaths.TestScenario("strat_vwc_scenario_1.json"),
            "--strategy", "vm_workload_consolidation", "--json");

        Assert.True(code == 0, error);
        var plan = JsonNode.Parse(output)!;
        Assert.Equal("vm_workload_consolidation", plan["strategy"]!.GetValue<string>());
        Assert.Equal("server_consolidation", plan["goal"]!.GetValue<string>());
        Assert.Equal(3600, plan["parameters"]!["period"]!.GetValue<double>());
        var actions = plan["actions"]!.AsArray();
        Assert.Equal(["change_nova_service_state", "migrate"], actions.Select(a => a!["action_type"]!.GetValue<string>()));
        Assert.Equal(actions[0]!["uuid"]!.GetValue<string>(), actions[1]!["parents"]![0]!.GetValue<string>());
        Assert.Equal("hostname_1", actions[1]!["input_parameters"]!["destination_node"]!.GetValue<string>());
        Assert.Equal(3, plan["efficacy_indicators"]!.AsArray().Count);
        Assert.Equal(50, plan["global_efficacy"]![0]!["value"]!.GetValue<double>());
        Assert.NotNull(plan["timings_ms"]!["strategy"]);
    }

    [Fact]
    public void Plan_ParamOverridesTheScenarioParameters()
    {
        var (code, output, _) = Run("--scenario", TestPaths.TestScenario("strat_hm_functional.json"),
            "--strategy", "host_maintenance", "--param", "maintenance_node=compute-3", "--json");

        Assert.Equal(0, code);
        var actions = JsonNode.Parse(output)!["actions"]!.AsArray();
        Assert.Equal("compute-3", Assert.Single(actions)!["input_parameters"]!["resource_name"]!.GetValue<string>());
    }

    [Fact]
    public void Plan_ParamValuesAreReadAsJson()
    {
        var (code, output, _) = Run("--scenario", TestPaths.TestScenario("strat_vwc_scenario_1.json"),
            "--strategy", "dummy", "--param", "para1=4", "--param", "para2=Hi", "--json");

        Assert.Equal(0, code);
        var actions = JsonNode.Parse(output)!["actions"]!.AsArray();
        Assert.Equal("Hi", actions[1]!["input_parameters"]!["message"]!.GetValue<string>());
        Assert.Equal(4, actions[2]!["input_parameters"]!["duration"]!.GetValue<double>());
    }

    [Fact]
    public void Plan_Text_ListsEachActionWithItsParents()
    {
        var (code, output, _) = Run("--scenario", TestPaths.TestScenario("strat_vwc_scenario_1.json"),
            "--strategy", "vm_workload_consolidation");

        Assert.Equal(0, code);
        Assert.Contains("Actions: 2", output);
        Assert.Contains("migrate", output);
        Assert.Contains("after #1", output);
        Assert.Contains("Timings:", output);
    }

    [Fact]
    public void Plan_UnknownStrategy_ExitsWith2ListingValidNames()
    {
        var (code, _, error) = Run("--scenario", TestPaths.TestScenario("strat_vwc_scenario_1.json"), "--strategy", "no_such_strategy");

        Assert.Equal(2, code);
        Assert.Contains("Unknown strategy 'no_such_strategy'", error);
        Assert.Contains("vm_workload_consolidation", error);
    }

    [Fact]
    public void Plan_UnknownParameter_ExitsWith2NamingIt()
    {
        var (code, _, error) = Run("--scenario", TestPaths.TestScenario("strat_vwc_scenario_1.json"),
            "--strategy", "dummy", "--param", "speed=3");

        Assert.Equal(2, code);
        Assert.Contains("speed", error);
    }

    [Fact]
    public void Plan_ParameterOutOfRange_ExitsWith2()
    {
        var (code, _, error) = Run("--scenario", TestPaths.TestScenario("strat_vwc_scenario_1.json"),
            "--strategy", "dummy", "--param", "para1=11");

        Assert.Equal(2, code);
        Assert.Contains("maximum", error);
    }

    [Fact]
    public void Plan_StrategyFailure_ExitsWith1()
    {
        var (code, _, error) = Run("--scenario", TestPaths.TestScenario("strat_hm_functional.json"),
            "--strategy", "host_maintenance", "--param", "maintenance_node=nowhere");

        Assert.Equal(1, code);
        Assert.Contains("The compute node nowhere could not be found", error);
    }

    [Fact]
    public void ListStrategies_Json_NamesEveryStrategyWithGoalPlannerAndRequiredParameters()
    {
        var (code, output, _) = Run("--list-strategies", "--json");

        Assert.Equal(0, code);
        var list = JsonNode.Parse(output)!.AsArray();
        var nrc = list.Single(s => (string?)s!["name"] == "node_resource_consolidation")!;
        Assert.Equal(("server_consolidation", "node_resource_consolidation"), ((string?)nrc["goal"], (string?)nrc["planner"]));
        Assert.Equal(["maintenance_node"], list.Single(s => (string?)s!["name"] == "host_maintenance")!["required_parameters"]!
            .AsArray().Select(p => (string)p!));
    }

    [Fact]
    public void Plan_NodeResourceConsolidation_UsesItsOwnPlanner()
    {
        var (code, output, error) = Run("--scenario", TestPaths.TestScenario("strat_nrc_scenario_10.json"),
            "--strategy", "node_resource_consolidation", "--param", "host_choice=auto", "--json");

        Assert.True(code == 0, error);
        var actions = JsonNode.Parse(output)!["actions"]!.AsArray();
        Assert.Equal(9, actions.Count);
        Assert.Empty(actions[0]!["parents"]!.AsArray());                                   // a disable
        Assert.Equal(3, actions[3]!["parents"]!.AsArray().Count);                          // first migration: after the 3 disables
        Assert.Equal(3, actions[8]!["parents"]!.AsArray().Count);                          // an enable: after the 3 chains
    }

    [Fact]
    public void Plan_SavingEnergy_WithoutBareMetal_FailsWithTheReason()
    {
        var (code, _, error) = Run("--scenario", TestPaths.TestScenario("strat_zm_scenario_1.json"), "--strategy", "saving_energy");

        Assert.Equal(1, code);
        Assert.Contains("needs a bare-metal service", error);
    }
}
