using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Watcher.Tests.Support;

/// <summary>
/// One of the stock command-line front ends of python-watcherclient (Debian packages), pointed at a Watcher
/// endpoint: the standalone <c>watcher</c> shell or the <c>openstack optimize</c> plugin, without Keystone or
/// with a real token. Commands are given in the watcher shell's words ("audit list"); the OSC form adds "optimize".
/// </summary>
public sealed class ClientFrontEnd
{
    public const string WatcherCli = "/usr/bin/watcher";
    public const string OpenStackCli = "/usr/bin/openstack";

    private readonly string _program;
    private readonly string[] _global;

    private ClientFrontEnd(string name, string program, string[] global)
    {
        Name = name;
        _program = program;
        _global = global;
    }

    public string Name { get; }

    /// <summary><c>watcher --os-endpoint-override URL [--os-auth-token T]</c> (the client's token-and-endpoint mode).</summary>
    public static ClientFrontEnd Watcher(string endpoint, string? token = null) =>
        new("watcher", WatcherCli, ["--os-endpoint-override", endpoint, "--os-infra-optim-api-version", "1.latest",
            .. token is null ? Array.Empty<string>() : ["--os-auth-token", token]]);

    /// <summary>
    /// <c>openstack --os-auth-type none --os-endpoint URL optimize ...</c>, or with a token
    /// <c>--os-auth-type admin_token --os-token T --os-endpoint URL</c>.
    /// </summary>
    public static ClientFrontEnd OpenStack(string endpoint, string? token = null) =>
        new("openstack", OpenStackCli, token is null
            ? ["--os-auth-type", "none", "--os-endpoint", endpoint, "--os-infra-optim-api-version", "1.latest"]
            : ["--os-auth-type", "admin_token", "--os-token", token, "--os-endpoint", endpoint, "--os-infra-optim-api-version", "1.latest"]);

    public async Task<(int Code, string Out, string Err)> Run(params string[] command)
    {
        Assert.True(File.Exists(_program), $"{_program} is missing: ./test.sh installs python3-watcherclient and python3-openstackclient");
        var start = new ProcessStartInfo(_program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("OS_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var arg in _global) start.ArgumentList.Add(arg);
        if (_program == OpenStackCli) start.ArgumentList.Add("optimize");
        foreach (var arg in command) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a command with <c>-f json</c>; it must succeed.</summary>
    public async Task<JsonNode> Json(params string[] command)
    {
        var (code, output, error) = await Run([.. command, "-f", "json"]);
        Assert.True(code == 0, $"{Name} {string.Join(' ', command)} exited {code}: {error}{output}");
        return JsonNode.Parse(output)!;
    }

    /// <summary>Runs a command that prints nothing on success (delete, cancel...).</summary>
    public async Task Ok(params string[] command)
    {
        var (code, output, error) = await Run(command);
        Assert.True(code == 0, $"{Name} {string.Join(' ', command)} exited {code}: {error}{output}");
    }

    /// <summary>A free port whose number does not end in 1: the client strips trailing '/', 'v' and '1' from the endpoint.</summary>
    public static int FreePort()
    {
        while (true)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            if (port % 10 != 1) return port;
        }
    }
}
