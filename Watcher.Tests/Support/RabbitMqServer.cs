using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using RabbitMQ.Client;

namespace Watcher.Tests.Support;

/// <summary>
/// A throw-away RabbitMQ broker for the test run (Debian's rabbitmq-server, installed by ./test.sh): its own node
/// name, Erlang port mapper, ports, cookie and data in a temporary folder, listening on 127.0.0.1 only, so it
/// never meets another broker on the machine (the OpenStack lab's included). Started on first use, once per test
/// process, stopped when the process exits — also when it is killed: a small shell guard stops the broker as soon
/// as the pipe from this process closes. guest/guest is accepted from loopback, so no user needs creating.
/// </summary>
public sealed class RabbitMqServer
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private static readonly Lazy<RabbitMqServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _directory;
    private readonly Process _guard;

    private RabbitMqServer(string directory, int port, Process guard)
    {
        _directory = directory;
        _guard = guard;
        Port = port;
    }

    public static RabbitMqServer Instance => Shared.Value;

    public int Port { get; }

    public string TransportUrl => $"rabbit://guest:guest@127.0.0.1:{Port}/";

    public ConnectionFactory Factory() => new() { HostName = "127.0.0.1", Port = Port, UserName = "guest", Password = "guest" };

    private static RabbitMqServer Start()
    {
        if (!File.Exists(ServerScript))
            throw new InvalidOperationException("RabbitMQ is not installed (no " + ServerScript + "): run ./test.sh once, it installs the Debian package.");
        var directory = Path.Combine(Path.GetTempPath(), $"watcher-rabbit-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        var (port, distPort, epmdPort) = (FreePort(), FreePort(), FreePort());
        var node = $"watcher_test_{Environment.ProcessId}@localhost";
        File.WriteAllText(Path.Combine(directory, "rabbitmq.conf"),
            $"listeners.tcp.default = 127.0.0.1:{port}\nloopback_users.guest = true\nlog.file.level = warning\n");
        File.WriteAllText(Path.Combine(directory, "enabled_plugins"), "[].\n");
        var environment =
            $"HOME={directory} RABBITMQ_NODENAME={node} RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT={port} " +
            $"RABBITMQ_DIST_PORT={distPort} ERL_EPMD_ADDRESS=127.0.0.1 ERL_EPMD_PORT={epmdPort} " +
            $"RABBITMQ_MNESIA_BASE={directory}/mnesia RABBITMQ_LOG_BASE={directory}/log " +
            $"RABBITMQ_CONFIG_FILE={directory}/rabbitmq.conf RABBITMQ_ENABLED_PLUGINS_FILE={directory}/enabled_plugins " +
            $"RABBITMQ_PID_FILE={directory}/rabbitmq.pid " +
            "'RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}'";
        // The guard: its own epmd and the broker, then wait until our end of stdin closes (normal exit or kill),
        // then stop both (the server script turns TERM into a clean stop) and remove the folder.
        var script =
            $"epmd -address 127.0.0.1 -port {epmdPort} >{directory}/epmd.log 2>&1 & epmd_pid=$!; " +
            $"env {environment} {ServerScript} >{directory}/server.log 2>&1 & server_pid=$!; " +
            "cat >/dev/null; " +
            "kill -TERM $server_pid 2>/dev/null; wait $server_pid; kill $epmd_pid 2>/dev/null; wait; " +
            $"rm -rf {directory}";
        var guard = Process.Start(new ProcessStartInfo("bash", ["-c", script])
        {
            RedirectStandardInput = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start bash");
        var instance = new RabbitMqServer(directory, port, guard);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Stop();
        instance.WaitUntilReady();
        return instance;
    }

    private void WaitUntilReady()
    {
        // A loaded machine can take a while to boot an Erlang node.
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (true)
        {
            try
            {
                using var connection = Factory().CreateConnectionAsync().GetAwaiter().GetResult();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline && !_guard.HasExited)
            {
                Thread.Sleep(500);
            }
            catch (Exception ex)
            {
                var log = Path.Combine(_directory, "server.log");
                throw new InvalidOperationException(
                    $"RabbitMQ did not start on port {Port}: {ex.Message}\n{(File.Exists(log) ? File.ReadAllText(log) : "")}", ex);
            }
        }
    }

    private void Stop()
    {
        try
        {
            _guard.StandardInput.Close();
            _guard.WaitForExit(30_000);
        }
        catch (InvalidOperationException) { }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
