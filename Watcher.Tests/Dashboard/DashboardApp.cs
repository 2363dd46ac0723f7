using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Watcher.Modules.Cloud;

namespace Watcher.Tests.Dashboard;

/// <summary>
/// The whole service on a real port (a browser cannot reach TestServer), with the embedded demo cluster, a fresh
/// SQLite file and simulated migrations shortened so a plan applies in about a second.
/// </summary>
public sealed class DashboardApp : WebApplicationFactory<Program>
{
    private readonly string _dbPath = Path.Combine(Path.GetTempPath(), $"watcher-ui-{Guid.NewGuid():N}.db");

    public DashboardApp()
    {
        var port = FreePort();
        Url = $"http://127.0.0.1:{port}";
        UseKestrel(port);
        StartServer();
    }

    public string Url { get; }

    public IComputeCloud Cloud => Services.GetRequiredService<IComputeCloud>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Watcher:Database:Connection", $"Data Source={_dbPath}");
        builder.UseSetting("Watcher:Simulator:LiveMigrationSeconds", "0.2");
        builder.UseSetting("Watcher:Simulator:ColdMigrationSeconds", "0.2");
        builder.UseSetting("Watcher:Nova:MigrationInterval", "0.05");
    }

    public HttpClient Api()
    {
        var client = new HttpClient { BaseAddress = new Uri(Url) };
        client.DefaultRequestHeaders.Add("OpenStack-API-Version", "infra-optim 1.5");
        return client;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            try { File.Delete(_dbPath + suffix); } catch (IOException) { }
    }
}
