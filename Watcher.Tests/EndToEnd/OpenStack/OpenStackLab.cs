using System.Diagnostics;
using System.Text.Json.Nodes;
using Watcher.Tests.Support;

namespace Watcher.Tests.EndToEnd.OpenStack;

[CollectionDefinition(Name)]
public sealed class OpenStackLabCollection : ICollectionFixture<OpenStackLab>
{
    public const string Name = "OpenStack lab";
}

/// <summary>A test of the end-to-end suite: skipped only when WATCHER_E2E_OPENSTACK=0 says so.</summary>
public sealed class LabFactAttribute : FactAttribute
{
    public LabFactAttribute()
    {
        if (OpenStackLab.Disabled) Skip = "OpenStack lab suite disabled by WATCHER_E2E_OPENSTACK=0";
    }
}

/// <summary>
/// The real OpenStack lab of ../shared/tools/openstack, once per test run: ./test.sh starts it in the background
/// (WATCHER_OSLAB_STATUS names its status file) and this waits for it; run alone, this starts it with
/// tools/openstack-lab.sh. A lab that did not come up fails every test with its log's last lines — never a skip.
/// </summary>
public sealed class OpenStackLab : IAsyncLifetime
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromMinutes(30);

    public static bool Disabled => Environment.GetEnvironmentVariable("WATCHER_E2E_OPENSTACK") == "0";
    public static string State => Environment.GetEnvironmentVariable("OSLAB_STATE") ?? Path.Combine(Path.GetTempPath(), "oslab");
    public static string Script => Path.Combine(TestPaths.RepositoryRoot, "tools", "openstack-lab.sh");

    private LabAdmin? _admin;
    public LabAdmin Admin => _admin ?? throw new InvalidOperationException("The lab is not connected");

    public async Task InitializeAsync()
    {
        if (Disabled) return;
        var statusFile = Environment.GetEnvironmentVariable("WATCHER_OSLAB_STATUS");
        if (statusFile is not null) await WaitForBackgroundStartAsync(statusFile);
        else if (!await AlreadyUpAsync()) await RunAsync(Script, "start", StartPatience);
        _admin = await LabAdmin.ConnectAsync();
        await Admin.WaitUsableAsync();
    }

    public Task DisposeAsync()
    {
        _admin?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Stops lab services by name (e.g. "nova-api"), as an outage would.</summary>
    public Task StopAsync(string service) => RunAsync(Script, $"stop {service}", TimeSpan.FromMinutes(2));

    /// <summary>Starts again whatever is not running (setup.sh is idempotent), without re-seeding.</summary>
    public Task RestartMissingAsync() => RunAsync(Script, "start --no-demo", TimeSpan.FromMinutes(10));

    /// <summary>The lab's <c>openstack</c> CLI as admin, JSON output.</summary>
    public static async Task<JsonNode> CliAsync(string arguments) => JsonNode.Parse(await CliTextAsync(arguments + " -f json"))!;

    /// <summary>The lab's <c>openstack</c> CLI as admin, for commands that print nothing (role add...).</summary>
    public static async Task<string> CliTextAsync(string arguments)
    {
        var info = new ProcessStartInfo("openstack", arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        info.Environment["OS_AUTH_URL"] = LabAdmin.KeystoneUrl;
        info.Environment["OS_IDENTITY_API_VERSION"] = "3";
        info.Environment["OS_REGION_NAME"] = "RegionOne";
        info.Environment["OS_USERNAME"] = "admin";
        info.Environment["OS_PASSWORD"] = LabAdmin.Password;
        info.Environment["OS_PROJECT_NAME"] = "admin";
        info.Environment["OS_USER_DOMAIN_NAME"] = "Default";
        info.Environment["OS_PROJECT_DOMAIN_NAME"] = "Default";
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"openstack {arguments} failed: {await stderr}");
        return stdout;
    }

    /// <summary>Started earlier by tools/openstack-lab.sh and Keystone answers: no need to run setup again.</summary>
    private static async Task<bool> AlreadyUpAsync()
    {
        var status = Path.Combine(State, "watcher-lab.status");
        if (!File.Exists(status) || (await File.ReadAllTextAsync(status)).Trim() != "ready") return false;
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            return (await http.GetAsync(LabAdmin.KeystoneUrl)).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task WaitForBackgroundStartAsync(string statusFile)
    {
        var deadline = DateTime.UtcNow + StartPatience;
        while (true)
        {
            var status = File.Exists(statusFile) ? (await File.ReadAllTextAsync(statusFile)).Trim() : "absent";
            if (status == "ready") return;
            if (status.StartsWith("failed", StringComparison.Ordinal)) throw LabDown(status);
            if (DateTime.UtcNow > deadline) throw LabDown($"still '{status}' after {StartPatience.TotalMinutes} min");
            await Task.Delay(2000);
        }
    }

    private static async Task RunAsync(string file, string arguments, TimeSpan patience)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        using var timeout = new CancellationTokenSource(patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw LabDown($"{Path.GetFileName(file)} {arguments} did not finish within {patience}");
        }
        var texts = await output;
        if (process.ExitCode != 0) throw LabDown($"{Path.GetFileName(file)} {arguments} exited {process.ExitCode}: {string.Join("\n", texts)}");
    }

    private static InvalidOperationException LabDown(string why)
    {
        var log = Path.Combine(State, "watcher-lab.log");
        var tail = File.Exists(log) ? string.Join("\n", File.ReadLines(log).TakeLast(30)) : "(no log)";
        return new InvalidOperationException($"The OpenStack lab did not come up: {why}\nLast lines of {log}:\n{tail}");
    }
}
