namespace Watcher.Host;

/// <summary>`plan --scenario FILE --strategy S [--param k=v ...] [--json]`: a strategy and its planner on a scenario file.</summary>
public static class PlanCommand
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("plan: not built yet");
        return 2;
    }
}
