using Watcher.Modules.Decision.Scoring;

namespace Watcher.Tests.Decision.Scoring;

/// <summary>The sample scoring engines of reference §14.</summary>
public class ScoringEngineTests
{
    private const long MiB = 1024 * 1024;

    [Theory]
    [InlineData(85, 0, 0, 0, 0, "[1, 0.0, 100.0, 0.0, 0.0]")]            // cpu-intensive
    [InlineData(10, 1000, 1000, 0, 0, "[2, 0.0, 0.0, 100.0, 0.0]")]      // memory-intensive
    [InlineData(10, 0, 0, 50 * MiB, 50 * MiB, "[3, 0.0, 0.0, 0.0, 100.0]")] // disk-intensive
    [InlineData(45, 600, 0, 0, 0, "[0, 100.0, 50.0, 50.0, 0.0]")]        // idle, with cpu and memory hints
    [InlineData(5, 0, 0, 0, 0, "[0, 100.0, 0.0, 0.0, 0.0]")]             // idle
    public void DummyScorer_ClassifiesByThresholds(long cpu, long reads, long writes, long diskRead, long diskWrite, string expected)
    {
        var features = $"[{cpu}, 4294967296, 2147483648, {reads}, {writes}, {diskRead}, {diskWrite}, 0, 0]";

        Assert.Equal(expected, new DummyScorer().CalculateScore(features));
    }

    [Theory]
    [InlineData("[1, 2, 3]")]
    [InlineData("{\"a\": 1}")]
    [InlineData("not json")]
    public void DummyScorer_RejectsAnythingButNineNumbers(string features)
    {
        Assert.Throws<ArgumentException>(() => new DummyScorer().CalculateScore(features));
    }

    [Fact]
    public void DummyScorer_MetainfoNamesItsWorkloads()
    {
        Assert.Equal(["idle", "cpu-intensive", "memory-intensive", "disk-intensive"], DummyScorer.Workloads(new DummyScorer()));
    }

    [Fact]
    public void FunctionScorers_AggregateLikePython()
    {
        Assert.Equal("[1]", new DummyMinScorer().CalculateScore("[3, 1, 2]"));
        Assert.Equal("[3.5]", new DummyMaxScorer().CalculateScore("[3.5, 1, 2]"));
        Assert.Equal("[2.0]", new DummyAvgScorer().CalculateScore("[3, 1, 2]"));
        Assert.Equal("[2.5]", new DummyAvgScorer().CalculateScore("[2, 3]"));
        Assert.Throws<ArgumentException>(() => new DummyAvgScorer().CalculateScore("[]"));
        Assert.Equal("", new DummyAvgScorer().Metainfo);
    }
}
