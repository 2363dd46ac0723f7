using Watcher.Modules.ClusterModel.Contracts;

namespace Watcher.Modules.Cloud.Simulator;

/// <summary>The scenario the embedded clouds start from: <c>Watcher:Simulator:ScenarioFile</c>, or the demo cluster.</summary>
public static class SimulatorScenario
{
    public static Scenario Load(SimulatorOptions options)
    {
        var file = options.ScenarioFile;
        if (string.IsNullOrWhiteSpace(file)) return DemoCluster.Build();
        var path = Path.GetFullPath(file);
        return File.Exists(path) ? Scenario.Load(path)
            : throw new InvalidOperationException($"Watcher:Simulator:ScenarioFile '{file}' does not exist (looked at {path}).");
    }
}
