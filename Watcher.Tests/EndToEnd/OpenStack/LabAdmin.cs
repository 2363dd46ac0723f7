using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Watcher.Tests.EndToEnd.OpenStack;

/// <summary>
/// The lab's APIs as its admin, with raw REST (none of Watcher's code): to prepare scenes (spread servers, boot,
/// delete, re-enable hosts) and to check what Watcher did against Nova's own answers. Ports are the lab's
/// (../shared/tools/openstack/README.md).
/// </summary>
public sealed class LabAdmin : IDisposable
{
    public const string KeystoneUrl = "http://127.0.0.1:15000/v3";
    public const string NovaUrl = "http://127.0.0.1:18774/v2.1";
    public const string GlanceUrl = "http://127.0.0.1:19292";
    public const string Password = "oslab-secret";
    public static readonly string[] Hosts = ["fake-1", "fake-2", "fake-3"];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private string _token = "";
    private DateTime _tokenAt;

    public static async Task<LabAdmin> ConnectAsync()
    {
        var admin = new LabAdmin();
        await admin.AuthenticateAsync();
        return admin;
    }

    private async Task AuthenticateAsync()
    {
        _token = await TokenAsync("admin", Password, "admin");
        _tokenAt = DateTime.UtcNow;
    }

    /// <summary>A project-scoped token of a lab user (password method), straight from Keystone.</summary>
    public static async Task<string> TokenAsync(string user, string password, string project)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var body = new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject { ["name"] = user, ["domain"] = new JsonObject { ["name"] = "Default" }, ["password"] = password },
                    },
                },
                ["scope"] = new JsonObject { ["project"] = new JsonObject { ["name"] = project, ["domain"] = new JsonObject { ["name"] = "Default" } } },
            },
        }.ToJsonString();
        using var response = await http.PostAsync(KeystoneUrl + "/auth/tokens", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        return response.Headers.GetValues("X-Subject-Token").First();
    }

    public async Task<JsonNode?> NovaAsync(HttpMethod method, string path, string? body = null)
    {
        if (DateTime.UtcNow - _tokenAt > TimeSpan.FromMinutes(30)) await AuthenticateAsync();
        using var request = new HttpRequestMessage(method, NovaUrl + path);
        request.Headers.Add("X-Auth-Token", _token);
        request.Headers.Add("X-OpenStack-Nova-API-Version", "2.56");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.NotFound && method == HttpMethod.Get) return null;
        Assert.True(response.IsSuccessStatusCode, $"Nova {method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public async Task<List<JsonNode>> ServersAsync() =>
        (await NovaAsync(HttpMethod.Get, "/servers/detail?all_tenants=True"))!["servers"]!.AsArray().Select(s => s!).ToList();

    public async Task<List<JsonNode>> ComputeServicesAsync() =>
        (await NovaAsync(HttpMethod.Get, "/os-services?binary=nova-compute"))!["services"]!.AsArray().Select(s => s!).ToList();

    public static string HostOf(JsonNode server) => (string)server["OS-EXT-SRV-ATTR:host"]!;

    /// <summary>
    /// Nova answers, its three fake hosts are up, the seeded servers are ACTIVE and idle. A server Nova left in a task
    /// for good (nova-api killed after it marked the server MIGRATING but before it asked the conductor: nothing will
    /// ever finish that task) is reset to active after a minute, as an operator would with `server set --state active`.
    /// </summary>
    public async Task WaitUsableAsync()
    {
        await WaitAsync("three nova-compute services up", async () =>
            (await ComputeServicesAsync()).Count(s => (string?)s["state"] == "up") >= 3);
        if (await TryWaitAsync(AllIdleAsync, TimeSpan.FromMinutes(1))) return;
        foreach (var server in (await ServersAsync()).Where(s => !IsIdle(s)))
            await NovaAsync(HttpMethod.Post, $"/servers/{server["id"]}/action", """{"os-resetState": {"state": "active"}}""");
        await WaitAsync("the seeded servers ACTIVE and idle", AllIdleAsync, describe: DescribeServersAsync);
    }

    private async Task<bool> AllIdleAsync()
    {
        var servers = await ServersAsync();
        return servers.Count >= 4 && servers.All(IsIdle);
    }

    private static bool IsIdle(JsonNode server) => (string?)server["status"] == "ACTIVE" && server["OS-EXT-STS:task_state"] is null;

    /// <summary>Every server as "name STATUS/task on host", for the message of a wait that timed out.</summary>
    public async Task<string> DescribeServersAsync() => string.Join(", ", (await ServersAsync()).Select(s =>
        $"{s["name"]} {s["status"]}/{(string?)s["OS-EXT-STS:task_state"] ?? "-"} on {HostOf(s)}"));

    /// <summary>Every nova-compute service enabled again (tests disable hosts).</summary>
    public async Task EnableAllHostsAsync()
    {
        foreach (var service in await ComputeServicesAsync())
            if ((string?)service["status"] != "enabled")
                await NovaAsync(HttpMethod.Put, $"/os-services/{service["id"]}", """{"status": "enabled"}""");
    }

    /// <summary>
    /// The seeded servers (oslab-vm-N, by name) spread over the hosts round-robin, by live migration where needed,
    /// all hosts enabled: a known starting scene.
    /// </summary>
    public async Task<Dictionary<string, string>> SpreadServersAsync()
    {
        await EnableAllHostsAsync();
        await WaitUsableAsync();
        var servers = (await ServersAsync()).Where(s => ((string)s["name"]!).StartsWith("oslab-vm-")).OrderBy(s => (string)s["name"]!).ToList();
        var wanted = servers.Select((s, i) => ((string)s["id"]!, Hosts[i % Hosts.Length])).ToDictionary(p => p.Item1, p => p.Item2);
        // A live migration can end with the server back on its source (the fake driver's destination check, a service
        // restarting): ask again, up to three times, for any server idle on the wrong host.
        for (var attempt = 1; ; attempt++)
        {
            var moves = (await ServersAsync()).Where(s => wanted.TryGetValue((string)s["id"]!, out var host) && HostOf(s) != host).ToList();
            if (moves.Count == 0) break;
            Assert.True(attempt <= 3, $"servers not spread over the hosts after 3 rounds of live migrations: {await DescribeServersAsync()}");
            foreach (var server in moves)
                await NovaAsync(HttpMethod.Post, $"/servers/{server["id"]}/action", new JsonObject
                {
                    ["os-migrateLive"] = new JsonObject { ["host"] = wanted[(string)server["id"]!], ["block_migration"] = "auto" },
                }.ToJsonString());
            await WaitAsync("the live migrations to end", async () =>
                (await ServersAsync()).Where(s => wanted.ContainsKey((string)s["id"]!)).All(IsIdle), describe: DescribeServersAsync);
        }
        return wanted;
    }

    /// <summary>Boots an m1.tiny server of the lab's fake image (no network) and waits for ACTIVE.</summary>
    public async Task<JsonNode> BootAsync(string name)
    {
        if (DateTime.UtcNow - _tokenAt > TimeSpan.FromMinutes(30)) await AuthenticateAsync();
        using var images = new HttpRequestMessage(HttpMethod.Get, GlanceUrl + "/v2/images?name=fake-image");
        images.Headers.Add("X-Auth-Token", _token);
        using var imageAnswer = await _http.SendAsync(images);
        var image = (string)(await imageAnswer.Content.ReadFromJsonAsync<JsonNode>())!["images"]![0]!["id"]!;
        var flavor = (string)(await NovaAsync(HttpMethod.Get, "/flavors"))!["flavors"]!.AsArray().Single(f => (string?)f!["name"] == "m1.tiny")!["id"]!;
        var created = await NovaAsync(HttpMethod.Post, "/servers", new JsonObject
        {
            ["server"] = new JsonObject { ["name"] = name, ["imageRef"] = image, ["flavorRef"] = flavor, ["networks"] = "none" },
        }.ToJsonString());
        var id = (string)created!["server"]!["id"]!;
        JsonNode? server = null;
        await WaitAsync($"server {name} ACTIVE", async () =>
        {
            server = (await NovaAsync(HttpMethod.Get, $"/servers/{id}"))?["server"];
            Assert.NotEqual("ERROR", (string?)server?["status"]);
            return (string?)server?["status"] == "ACTIVE";
        });
        return server!;
    }

    public async Task DeleteAsync(string id)
    {
        await NovaAsync(HttpMethod.Delete, $"/servers/{id}");
        await WaitAsync($"server {id} gone", async () => await NovaAsync(HttpMethod.Get, $"/servers/{id}") is null);
    }

    public static async Task WaitAsync(string what, Func<Task<bool>> done, TimeSpan? patience = null, Func<Task<string>>? describe = null)
    {
        if (await TryWaitAsync(done, patience ?? Patience)) return;
        Assert.Fail($"timed out waiting for {what}" + (describe is null ? "" : $"; now: {await describe()}"));
    }

    private static async Task<bool> TryWaitAsync(Func<Task<bool>> done, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (!await done())
        {
            if (DateTime.UtcNow >= deadline) return false;
            await Task.Delay(500);
        }
        return true;
    }

    public void Dispose() => _http.Dispose();
}
