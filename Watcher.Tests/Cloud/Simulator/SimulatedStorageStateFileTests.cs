using Watcher.Modules.Cloud;
using Watcher.Modules.Cloud.Simulator;
using Watcher.Modules.Cloud.Simulator.Storage;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Tests.Support;

namespace Watcher.Tests.Cloud.Simulator;

/// <summary>
/// The embedded Cinder and Ironic keep their state in the simulator's state file (ADR 32, ADR 52): a restarted
/// Watcher finds volumes where they went and nodes powered as they were left, another process sharing the file
/// sees the same, and a file written for another scenario is not taken up. sim_storage.json: vol-1 on st-a@lvm#p0.
/// </summary>
public sealed class SimulatedStorageStateFileTests : IDisposable
{
    private const string Vol1 = "d0000000-0000-4000-8000-000000000001";
    private const string BmA = "b0000000-0000-4000-8000-00000000000a";
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"watcher-sim-{Guid.NewGuid():N}.db");
    private readonly ManualTimeProvider _time = new();
    private readonly Scenario _scenario = Scenario.Load(TestPaths.TestScenario("sim_storage.json"));
    private readonly StorageSimulatorOptions _options = new() { VolumeMigrationSeconds = 10, BareMetalPowerSeconds = 10 };

    private SimulatedBlockStorage Cinder(Scenario? scenario = null) => new(scenario ?? _scenario, _options, _time, stateFile: _file);
    private SimulatedBareMetal Ironic() => new(_scenario, _options, _time, stateFile: _file);

    [Fact]
    public async Task AVolumeMigration_InFlightAndDone_SurvivesARestart()
    {
        using (var cinder = Cinder()) await cinder.MigrateVolumeAsync(Vol1, "st-b@lvm2#p0");

        using (var restarted = Cinder())
        {
            Assert.Equal(("st-a@lvm#p0", "migrating"), ((await restarted.GetVolumeAsync(Vol1))!.Host, (await restarted.GetVolumeAsync(Vol1))!.MigrationStatus));
            _time.Advance(11);
            Assert.Equal("st-b@lvm2#p0", (await restarted.GetVolumeAsync(Vol1))!.Host);
        }
        using var again = Cinder();
        Assert.Equal(("st-b@lvm2#p0", "success"), ((await again.GetVolumeAsync(Vol1))!.Host, (await again.GetVolumeAsync(Vol1))!.MigrationStatus));
    }

    [Fact]
    public async Task TwoProcessesSharingTheFile_SeeOneCinder()
    {
        using var first = Cinder();
        using var second = Cinder();
        async Task<double> AllocatedOnB() => (await second.ListPoolsAsync()).Single(p => p.Name == "st-b@lvm2#p0").AllocatedCapacityGb;
        var before = await AllocatedOnB();

        await first.MigrateVolumeAsync(Vol1, "st-b@lvm2#p0");
        _time.Advance(11);

        Assert.Equal("st-b@lvm2#p0", (await second.GetVolumeAsync(Vol1))!.Host);
        Assert.Equal(before + 20, await AllocatedOnB());   // vol-1 is 20 GB
    }

    [Fact]
    public async Task AStateWrittenForAnotherScenario_IsNotTakenUp()
    {
        using (var cinder = Cinder()) await cinder.MigrateVolumeAsync(Vol1, "st-b@lvm2#p0");
        _time.Advance(11);
        var other = Scenario.Load(TestPaths.TestScenario("sim_storage.json"));
        other.Storage.FindVolume(Vol1)!.Size = 21;   // another scenario: another seed

        using var fresh = Cinder(other);
        Assert.Equal("st-a@lvm#p0", (await fresh.GetVolumeAsync(Vol1))!.Host);
    }

    [Fact]
    public async Task AnIronicNodesPower_SurvivesARestart()
    {
        using (var ironic = Ironic()) await ironic.SetPowerStateAsync(BmA, on: false);

        using (var restarted = Ironic())
        {
            Assert.Equal((IronicPower.On, IronicPower.Off), ((await restarted.GetNodeAsync(BmA))!.PowerState, (await restarted.GetNodeAsync(BmA))!.TargetPowerState));
            _time.Advance(11);
            Assert.Equal(IronicPower.Off, (await restarted.GetNodeAsync(BmA))!.PowerState);
        }
        using var again = Ironic();
        Assert.Equal((IronicPower.Off, null), ((await again.GetNodeAsync(BmA))!.PowerState, (await again.GetNodeAsync(BmA))!.TargetPowerState));
    }

    [Fact]
    public async Task AStateFileThatCannotBeOpened_MakesCallsFail_NotStartUp()
    {
        using var cinder = new SimulatedBlockStorage(_scenario, _options, _time, stateFile: "/proc/watcher-no-such-dir/state.db");

        var error = await Assert.ThrowsAsync<CloudException>(() => cinder.ListVolumesAsync());
        Assert.StartsWith("The simulated cinder is unavailable: its state file /proc/watcher-no-such-dir/state.db cannot be opened", error.Message);
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
    }
}
