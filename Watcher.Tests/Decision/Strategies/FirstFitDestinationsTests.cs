using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Decision.Strategies.Basic;

namespace Watcher.Tests.Decision.Strategies;

/// <summary>The indexed first fit answers what upstream's scan of every node answers, used the way basic uses it.</summary>
public class FirstFitDestinationsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FindFirst_AgreesWithALinearScan_AsTheSourceMovesDown(int seed)
    {
        var random = new Random(seed);
        var nodes = Enumerable.Range(0, 300).Select(i => new ComputeNode
        {
            Uuid = $"n{i}", Hostname = $"n{i}", Vcpus = random.Next(4, 64), Memory = random.Next(4096, 65536),
            Disk = random.Next(100, 2000), VcpuRatio = random.Next(2) == 0 ? 1.0 : 1.5,
        }).ToList();
        var used = nodes.ToDictionary(n => n.Uuid, n => new NodeResources(
            random.Next(0, n.Vcpus), random.Next(0, n.Memory), random.Next(0, n.Disk)));
        var index = new FirstFitDestinations(nodes, n => used[n.Uuid]);

        for (var limit = nodes.Count - 1; limit > 0; limit--)
        {
            for (var k = 0; k < 5; k++)
            {
                var instance = new Instance
                {
                    Uuid = Guid.NewGuid().ToString(), Vcpus = random.Next(1, 17), Memory = random.Next(512, 16384), Disk = random.Next(1, 200),
                };
                var expected = nodes.Take(limit).ToList().FindIndex(n => Fits(n, used[n.Uuid], instance));

                Assert.Equal(expected, index.FindFirst(instance, limit));

                if (expected < 0) continue;
                index.Move(instance, limit, expected);
                var u = used[nodes[expected].Uuid];
                used[nodes[expected].Uuid] = new NodeResources(u.Vcpus + instance.Vcpus, u.Memory + instance.Memory, u.Disk + instance.Disk);
            }
        }
    }

    private static bool Fits(ComputeNode node, NodeResources used, Instance instance) =>
        node.VcpuCapacity >= used.Vcpus + instance.Vcpus && node.DiskGbCapacity >= used.Disk + instance.Disk
        && node.MemoryMbCapacity >= used.Memory + instance.Memory;
}
