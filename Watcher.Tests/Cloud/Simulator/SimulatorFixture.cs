using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Tests.Support;

namespace Watcher.Tests.Cloud.Simulator;

/// <summary>A simulated cloud over Watcher.Tests/Scenarios/sim_five_hosts.json with a manual clock.</summary>
public sealed class SimulatorFixture
{
    public const string Vm1 = "5e000000-0000-4000-8000-000000000001";   // active, host-a, 2 vCPU 4096 MB 20 GB
    public const string Vm2 = "5e000000-0000-4000-8000-000000000002";   // stopped, host-a
    public const string Vm3 = "5e000000-0000-4000-8000-000000000003";   // paused, host-b
    public const string Vm4 = "5e000000-0000-4000-8000-000000000004";   // active, host-b

    public ManualTimeProvider Time { get; } = new();
    public SimulatorOptions Options { get; } = new();
    public SimulatedCloud Cloud { get; }

    public SimulatorFixture(Action<SimulatorOptions>? configure = null, string scenario = "sim_five_hosts.json", string? stateFile = null,
        ManualTimeProvider? time = null)
    {
        configure?.Invoke(Options);
        if (time is not null) Time = time;
        var text = File.ReadAllText(TestPaths.TestScenario(scenario));
        Cloud = new SimulatedCloud(Scenario.Parse(text), Options, Time, rules: ScenarioPlacementRules.Parse(text),
            stateFile: SimulatorStateFile.Open(stateFile));
    }
}
