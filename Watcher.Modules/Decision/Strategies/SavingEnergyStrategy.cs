using System.Text.Json.Nodes;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Contracts;
using Watcher.Modules.Decision.Goals;

namespace Watcher.Modules.Decision.Strategies;

/// <summary>
/// Keeps a reserve of idle hosts powered on and powers the rest off (reference §7.13, upstream master): hosts with
/// VMs set the reserve (free_used_percent of them, at least min_free_hosts_num); surplus idle powered-on hosts are
/// powered off, and powered-off ones are powered on when the reserve is short, chosen at random as upstream does
/// (the optional <c>seed</c> parameter makes the draw reproducible).
/// </summary>
/// <remarks>
/// Power states come from the bare-metal model (Ironic) behind the hypervisors. Without a bare-metal service,
/// upstream's run fails when it asks Ironic for its nodes; this strategy fails the same way, with a message saying so.
/// </remarks>
public sealed class SavingEnergyStrategy : IStrategy
{
    public const string PluginName = "saving_energy";
    public const string NoBareMetalMessage =
        "saving_energy needs a bare-metal service (Ironic or MAAS) to read and change the power state of compute "
        + "hosts, and none is configured";

    public string Name => PluginName;
    public string GoalName => SavingEnergyGoal.PluginName;
    public string DisplayName => "Saving Energy Strategy";
    public IReadOnlyList<string> RequiredMetrics => [];
    public bool UsesBareMetal => true;

    public JsonObject ParametersSchema => new()
    {
        ["properties"] = new JsonObject
        {
            ["free_used_percent"] = new JsonObject
            {
                ["description"] = "a rational number, which describes the quotient of min_free_hosts_num/nodes_with_VMs_num "
                    + "where nodes_with_VMs_num is the number of nodes with VMs",
                ["type"] = "number",
                ["default"] = 10.0,
            },
            ["min_free_hosts_num"] = new JsonObject
            {
                ["description"] = "minimum number of hosts without VMs but still powered on",
                ["type"] = "number",
                ["default"] = 1,
            },
            ["seed"] = SeedParameter.Schema(),
        },
    };

    public Solution Execute(StrategyContext context)
    {
        var nodes = context.BareMetalNodes ?? throw new StrategyFailedException(NoBareMetalMessage);
        var withVms = new List<BareMetalNode>();
        var idleOn = new List<BareMetalNode>();
        var idleOff = new List<BareMetalNode>();
        foreach (var node in nodes)
        {
            // Only hosts of the (scoped) compute model count; an Ironic hypervisor stays "up" while powered off,
            // so one that is not up is broken and left alone. Where nova-compute runs on the node itself, a
            // powered-off node's service is down because of its power, and the node can still be powered on.
            if (context.Model.FindNodeByHostname(node.HypervisorHostname) is null) continue;
            if (node.HypervisorState != NodeState.Up && (node.HypervisorUpWhenPoweredOff || node.PowerState != PowerStates.Off)) continue;
            if (node.RunningVms > 0) withVms.Add(node);
            else if (node.PowerState == PowerStates.On) idleOn.Add(node);
            else if (node.PowerState == PowerStates.Off) idleOff.Add(node);
        }

        var reserve = (int)Math.Max(withVms.Count * context.GetNumber("free_used_percent") / 100,
            context.GetNumber("min_free_hosts_num"));
        var random = context.CreateRandom();
        var solution = new Solution();
        if (idleOn.Count > reserve)
            foreach (var node in Sample(random, idleOn, idleOn.Count - reserve)) AddPower(solution, node, PowerStates.Off);
        else if (idleOn.Count < reserve)
            foreach (var node in Sample(random, idleOff, Math.Min(idleOff.Count, reserve - idleOn.Count)))
                AddPower(solution, node, PowerStates.On);
        return solution;
    }

    private static IEnumerable<BareMetalNode> Sample(Random random, List<BareMetalNode> pool, int count)
    {
        var shuffled = pool.ToArray();
        random.Shuffle(shuffled);
        return shuffled.Take(count);
    }

    private static void AddPower(Solution solution, BareMetalNode node, string state) =>
        solution.AddAction("change_node_power_state", node.Id,
            new JsonObject { ["state"] = state, ["resource_name"] = node.HypervisorHostname });
}
