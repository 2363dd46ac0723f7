using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.Cloud.Simulator.Metrics;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Tests.Support;
using static Watcher.Tests.Cloud.Simulator.SimulatorFixture;

namespace Watcher.Tests.Cloud.Simulator;

/// <summary>Load profiles, aggregation over a period, and the host figures that follow load (power, heat, airflow, cache).</summary>
public class MetricProfilesTests
{
    [Fact]
    public void Steady_ReadsTheScenarioFigureWhateverThePeriodOrAggregate()
    {
        var sim = new SimulatorFixture();

        Assert.Equal(50.0, sim.Cloud.ServerMetric(Vm1, "instance_cpu_usage", 7200, "max"));
        Assert.Equal(50.0, sim.Cloud.ServerMetric(Vm1, "instance_cpu_usage", 30, "min"));
    }

    [Fact]
    public void Diurnal_SwingsAroundTheBase_AndTheSameSeedGivesTheSameFigures()
    {
        var a = new SimulatorFixture(o => o.Metrics.Profiles["vm-1"] = LoadProfiles.Diurnal);
        var b = new SimulatorFixture(o => o.Metrics.Profiles["vm-1"] = LoadProfiles.Diurnal);

        var readings = new List<double>();
        for (var hour = 0; hour < 24; hour++)
        {
            readings.Add(a.Cloud.ServerMetric(Vm1, "instance_cpu_usage", 60)!.Value);
            Assert.Equal(readings[^1], b.Cloud.ServerMetric(Vm1, "instance_cpu_usage", 60));
            a.Time.Advance(3600);
            b.Time.Advance(3600);
        }

        Assert.InRange(readings.Min(), 25, 40);   // 50 % × (1 ± 0.5), sampled hourly
        Assert.InRange(readings.Max(), 60, 75);
        Assert.InRange(readings.Average(), 45, 55);
    }

    [Fact]
    public void Aggregates_MinMeanMax_CoverThePeriod()
    {
        var sim = new SimulatorFixture(o => o.Metrics.Profiles["vm-1"] = LoadProfiles.Diurnal);

        var min = sim.Cloud.ServerMetric(Vm1, "instance_cpu_usage", 12 * 3600, "min")!.Value;
        var mean = sim.Cloud.ServerMetric(Vm1, "instance_cpu_usage", 12 * 3600, "mean")!.Value;
        var max = sim.Cloud.ServerMetric(Vm1, "instance_cpu_usage", 12 * 3600, "max")!.Value;

        Assert.True(min < mean && mean < max, $"{min} {mean} {max}");
        Assert.True(max - min > 20);   // half a day of a ±25-point swing
    }

    [Fact]
    public void Spikes_AreSeeded()
    {
        double[] Run(int seed)
        {
            var sim = new SimulatorFixture(o =>
            {
                o.Metrics.Profiles["vm-1"] = LoadProfiles.Spikes;
                o.Metrics.Seed = seed;
                o.Metrics.SpikeProbability = 0.5;
            });
            var values = new double[40];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = sim.Cloud.ServerMetric(Vm1, "instance_cpu_usage", 10)!.Value;
                sim.Time.Advance(300);
            }
            return values;
        }

        var first = Run(7);
        Assert.Equal(first, Run(7));
        Assert.NotEqual(first, Run(8));
        Assert.Contains(100.0, first);   // 50 % × 3, clamped
        Assert.Contains(50.0, first);
    }

    [Fact]
    public void HostFigures_FollowTheLoad_FromWhereTheScenarioPutThem()
    {
        var sim = new SimulatorFixture();
        var outletBefore = sim.Cloud.HostMetric("host-a", "host_outlet_temp")!.Value;   // 31.5 from the scenario
        var powerBefore = sim.Cloud.HostMetric("host-a", "host_power")!.Value;
        var airflowBefore = sim.Cloud.HostMetric("host-a", "host_airflow")!.Value;

        sim.Cloud.SetServerMetric(Vm1, "instance_cpu_usage", 100);   // host-a: 12.5 % → 25 % CPU

        Assert.Equal(outletBefore + 12 * 0.125, sim.Cloud.HostMetric("host-a", "host_outlet_temp")!.Value, 9);
        Assert.Equal(powerBefore + 200 * 0.125, sim.Cloud.HostMetric("host-a", "host_power")!.Value, 9);
        Assert.Equal(airflowBefore + 200 * 0.125, sim.Cloud.HostMetric("host-a", "host_airflow")!.Value, 9);
    }

    [Fact]
    public void Burst_OversubscribesTheHostsCache_SoItsNeighbourGetsLess()
    {
        // host-b: vm-3 (10 % CPU) and vm-4 (25 %); vm-4 runs a tenfold burst job from 60 s before the start.
        var sim = new SimulatorFixture(o =>
        {
            o.Metrics.Profiles["vm-4"] = LoadProfiles.Burst;
            o.Metrics.HostL3CacheBytes = 8 * 1024 * 1024;
        });
        var demand3 = 1024 * 1024 + 10 * 64 * 1024.0;          // 1.625 MiB
        var demand4 = (1024 * 1024 + 25 * 64 * 1024.0) * 10;   // 25.625 MiB while bursting
        var share = 8 * 1024 * 1024 / (demand3 + demand4);

        Assert.Equal(demand3 * share, sim.Cloud.ServerMetric(Vm3, "instance_l3_cache_usage", 10)!.Value, 3);
        Assert.Equal(demand4 * share, sim.Cloud.ServerMetric(Vm4, "instance_l3_cache_usage", 10)!.Value, 3);
        Assert.Equal(100.0, sim.Cloud.ServerMetric(Vm4, "instance_cpu_usage", 10));   // 25 % × 10, clamped

        sim.Time.Advance(600);   // the burst (600 s from -60 s) is over
        Assert.Equal(demand3, sim.Cloud.ServerMetric(Vm3, "instance_l3_cache_usage", 10)!.Value, 3);
    }

    [Fact]
    public void ScenarioCacheFigures_AreNeverSqueezedAtTheStart()
    {
        var scenario = Scenario.Load(TestPaths.SharedScenario("gen_10_40_s1.json"));
        var cloud = new SimulatedCloud(scenario, new SimulatorOptions(), new ManualTimeProvider());

        foreach (var instance in scenario.Model.Instances.Take(10))
            Assert.Equal(scenario.InstanceMetrics[instance.Uuid]["instance_l3_cache_usage"].At(100),
                cloud.ServerMetric(instance.Uuid, "instance_l3_cache_usage", 100));
    }

    [Fact]
    public void UnknownProfile_StopsStartUpWithTheValidNames()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new SimulatorFixture(o => o.Metrics.Profiles["vm-1"] = "wavy"));

        Assert.Contains("steady, diurnal, spikes, burst", error.Message);
    }
}
