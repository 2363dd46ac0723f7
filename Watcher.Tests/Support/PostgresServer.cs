using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Watcher.Modules.Persistence;

namespace Watcher.Tests.Support;

/// <summary>
/// A throw-away PostgreSQL server for the test run: a cluster made by Debian's initdb in a temporary folder,
/// listening on 127.0.0.1 and a free port. Started on first use, once per test process, and stopped when the
/// process exits — also when it is killed, because a small shell guard stops the server as soon as the pipe from
/// this process closes. Every test gets its own database, cloned from a migrated template.
/// ./test.sh installs the `postgresql` package; initdb and postgres refuse to run as root, so as root they run
/// as the `postgres` user.
/// </summary>
public sealed class PostgresServer
{
    private const string Superuser = "postgres";
    private const string Template = "watcher_template";
    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static int _databases;

    private readonly string _directory;
    private readonly Process _guard;
    private readonly Lazy<string> _template;

    private PostgresServer(string directory, int port, Process guard)
    {
        _directory = directory;
        _guard = guard;
        Port = port;
        _template = new Lazy<string>(CreateTemplate, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public static PostgresServer Instance => Shared.Value;

    public int Port { get; }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = Superuser, Database = database,
        // Tests make many small databases: keep no idle connections around after a test.
        MinPoolSize = 0, ConnectionIdleLifetime = 2, ConnectionPruningInterval = 1,
    }.ConnectionString;

    /// <summary>A new database; <paramref name="migrated"/> clones the migrated template, otherwise it is empty.</summary>
    public DatabaseSettings CreateDatabase(bool migrated = true)
    {
        var name = $"watcher_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        Execute($"CREATE DATABASE \"{name}\" TEMPLATE \"{(migrated ? _template.Value : "template0")}\"");
        return DatabaseSettings.PostgreSql(ConnectionString(name));
    }

    public void DropDatabase(DatabaseSettings settings)
    {
        var name = new NpgsqlConnectionStringBuilder(settings.ConnectionString).Database!;
        using (var connection = new NpgsqlConnection(settings.ConnectionString)) NpgsqlConnection.ClearPool(connection);
        Execute($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    public void Execute(string sql, string database = "postgres")
    {
        using var connection = new NpgsqlConnection(ConnectionString(database));
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private string CreateTemplate()
    {
        Execute($"CREATE DATABASE \"{Template}\" TEMPLATE template0");
        var settings = DatabaseSettings.PostgreSql(ConnectionString(Template));
        using (var db = PersistenceModule.Open(settings)) db.ApplyMigrations();
        using (var connection = new NpgsqlConnection(settings.ConnectionString)) NpgsqlConnection.ClearPool(connection);
        return Template;
    }

    private static PostgresServer Start()
    {
        var bin = FindBinaries();
        var asRoot = Environment.IsPrivilegedProcess;
        var directory = Path.Combine(Path.GetTempPath(), $"watcher-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        if (asRoot) Run("chown", $"{Superuser} {directory}");
        var data = Path.Combine(directory, "data");
        Run(As(asRoot, Path.Combine(bin, "initdb")),
            // A linguistic default collation (ICU en-US, as many operators' databases have): the lists' code-point
            // order must come from Watcher's own "C" column collation, not from the server's default.
            $"-D {data} -U {Superuser} --auth=trust --encoding=UTF8 --locale=C.UTF-8 --locale-provider=icu --icu-locale=en-US --no-sync",
            asRoot);

        var port = FreePort();
        var server = $"{As(asRoot, Path.Combine(bin, "postgres"))} -D {data} -p {port} -c listen_addresses=127.0.0.1 " +
            $"-c unix_socket_directories={directory} -c max_connections=300 -c fsync=off -c synchronous_commit=off " +
            "-c full_page_writes=off";
        // The guard: start the server, wait until our end of stdin closes (normal exit or kill), then stop it
        // (SIGINT = fast shutdown) and remove the cluster.
        var script = $"{server} >{directory}/server.log 2>&1 & " +
            "cat >/dev/null; " +
            $"kill -INT $(head -1 {data}/postmaster.pid) 2>/dev/null; wait; rm -rf {directory}";
        var guard = Process.Start(new ProcessStartInfo("bash", ["-c", script])
        {
            RedirectStandardInput = true, UseShellExecute = false,
        }) ?? throw new InvalidOperationException("could not start bash");
        var instance = new PostgresServer(directory, port, guard);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => instance.Stop();
        instance.WaitUntilReady();
        return instance;
    }

    private void WaitUntilReady()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                Execute("SELECT 1");
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException && DateTime.UtcNow < deadline && !_guard.HasExited)
            {
                Thread.Sleep(200);
            }
            catch (Exception ex)
            {
                var log = Path.Combine(_directory, "server.log");
                throw new InvalidOperationException(
                    $"PostgreSQL did not start on port {Port}: {ex.Message}\n{(File.Exists(log) ? File.ReadAllText(log) : "")}", ex);
            }
        }
    }

    private void Stop()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            _guard.StandardInput.Close();
            _guard.WaitForExit(15_000);
        }
        catch (InvalidOperationException) { }
    }

    private static string FindBinaries()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw new InvalidOperationException(
                "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): run ./test.sh once, it installs the Debian package.");
    }

    private static string As(bool asRoot, string command) => asRoot ? $"runuser -u {Superuser} -- {command}" : command;

    private static void Run(string command, string arguments, bool shell = false)
    {
        var start = shell || command.Contains(' ')
            ? new ProcessStartInfo("bash", ["-c", $"{command} {arguments}"])
            : new ProcessStartInfo(command, arguments);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {arguments} failed ({process.ExitCode}): {error}{output.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
