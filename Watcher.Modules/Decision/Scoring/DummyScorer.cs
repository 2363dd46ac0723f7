using System.Text.Json;
using System.Text.Json.Nodes;

namespace Watcher.Modules.Decision.Scoring;

/// <summary>
/// Sample workload classifier (upstream's dummy_scorer): nine telemetry figures in, the detected workload and
/// per-workload "probabilities" out, decided by fixed thresholds instead of a trained model.
/// </summary>
public sealed class DummyScorer : IScoringEngine
{
    public const string PluginName = "dummy_scorer";

    private const int ProcessorTimePercent = 0, MemPageReadsPerSec = 3, MemPageWritesPerSec = 4,
        DiskReadBytesPerSec = 5, DiskWriteBytesPerSec = 6;
    private const int Idle = 0, CpuIntensive = 1, MemoryIntensive = 2, DiskIntensive = 3;
    private const double Mebibyte = 1024 * 1024;

    public string Name => PluginName;
    public string Description => "Dummy workload classifier";

    /// <summary>Upstream's metainfo text, kept as it is (clients may show or parse it).</summary>
    public string Metainfo => """
        {
                    "feature_columns": [
                        "proc-processor-time-%",
                        "mem-total-bytes",
                        "mem-avail-bytes",
                        "mem-page-reads/sec",
                        "mem-page-writes/sec",
                        "disk-read-bytes/sec",
                        "disk-write-bytes/sec",
                        "net-bytes-received/sec",
                        "net-bytes-sent/sec"],
                    "result_columns": [
                        "workload",
                        "idle-probability",
                        "cpu-probability",
                        "memory-probability",
                        "disk-probability"],
                    "workloads": [
                        "idle",
                        "cpu-intensive",
                        "memory-intensive",
                        "disk-intensive"]
                    }
        """;

    /// <summary>Index → workload name, from the metainfo (as a strategy reads it).</summary>
    public static IReadOnlyList<string> Workloads(IScoringEngine scorer) =>
        JsonNode.Parse(scorer.Metainfo)!["workloads"]!.AsArray().Select(w => w!.GetValue<string>()).ToList();

    public string CalculateScore(string features)
    {
        var f = ScoringInput.Numbers(features).Select(n => n.Value).ToList();
        if (f.Count != 9) throw new ArgumentException("Invalid number of features, expected 9");

        int workload;
        double idle = 0, cpu = 0, memory = 0, disk = 0;
        if (f[ProcessorTimePercent] >= 80)
        {
            workload = CpuIntensive;
            cpu = 100;
        }
        else if (f[MemPageReadsPerSec] >= 1000 && f[MemPageWritesPerSec] >= 1000)
        {
            workload = MemoryIntensive;
            memory = 100;
        }
        else if (f[DiskReadBytesPerSec] >= 50 * Mebibyte && f[DiskWriteBytesPerSec] >= 50 * Mebibyte)
        {
            workload = DiskIntensive;
            disk = 100;
        }
        else
        {
            workload = Idle;
            idle = 100;
            if (f[ProcessorTimePercent] >= 40) cpu = 50;
            if (f[MemPageReadsPerSec] >= 500 || f[MemPageWritesPerSec] >= 500) memory = 50;
        }
        return ScoringInput.Write([new(workload, true), new(idle, false), new(cpu, false), new(memory, false), new(disk, false)]);
    }
}
