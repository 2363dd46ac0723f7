namespace Watcher.Modules.Shared.Plugins;

/// <summary>A named, stateless plugin (strategy, goal, planner, action, datasource), looked up by its upstream wire name.</summary>
public interface IPlugin
{
    string Name { get; }
}
