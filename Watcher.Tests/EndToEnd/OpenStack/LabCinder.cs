using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Watcher.Tests.EndToEnd.OpenStack;

/// <summary>
/// The lab's Cinder (two fake backends, fake-a and fake-b, 1000 GB pools whose stats refresh every 60 s) as its
/// admin, with raw REST and none of Watcher's code: to prepare volumes and check where Cinder says they are.
/// </summary>
public sealed class LabCinder : IDisposable
{
    public const string PoolA = "oslab-storage@fake-a#fake-a";
    public const string PoolB = "oslab-storage@fake-b#fake-b";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private string _token = "";
    private string _url = "";

    public static async Task<LabCinder> ConnectAsync()
    {
        var cinder = new LabCinder();
        var body = """
            {"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": "admin", "domain": {"name": "Default"}, "password": "PASSWORD"}}},
                      "scope": {"project": {"name": "admin", "domain": {"name": "Default"}}}}}
            """.Replace("PASSWORD", LabAdmin.Password);
        using var response = await cinder._http.PostAsync(LabAdmin.KeystoneUrl + "/auth/tokens", new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        cinder._token = response.Headers.GetValues("X-Subject-Token").First();
        var project = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["token"]!["project"]!["id"]!;
        cinder._url = $"http://127.0.0.1:18776/v3/{project}";
        return cinder;
    }

    public async Task<JsonNode?> SendAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, _url + path);
        request.Headers.Add("X-Auth-Token", _token);
        request.Headers.Add("OpenStack-API-Version", "volume 3.16");
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode == HttpStatusCode.NotFound && method != HttpMethod.Post) return null;
        Assert.True(response.IsSuccessStatusCode, $"Cinder {method} {path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    public async Task<List<JsonNode>> VolumesAsync() =>
        (await SendAsync(HttpMethod.Get, "/volumes/detail?all_tenants=1"))!["volumes"]!.AsArray().Select(v => v!).ToList();

    public async Task<JsonNode?> VolumeAsync(string id) => (await SendAsync(HttpMethod.Get, $"/volumes/{id}"))?["volume"];

    public async Task<JsonObject> PoolAsync(string name) =>
        (JsonObject)(await SendAsync(HttpMethod.Get, "/scheduler-stats/get_pools?detail=true"))!["pools"]!.AsArray()
            .Single(p => (string?)p!["name"] == name)!["capabilities"]!;

    /// <summary>A volume type tied to a backend (volume_backend_name), made once.</summary>
    public async Task EnsureTypeAsync(string name, string backend)
    {
        var types = (await SendAsync(HttpMethod.Get, "/types?is_public=None"))!["volume_types"]!.AsArray();
        if (types.Any(t => (string?)t!["name"] == name)) return;
        var type = (await SendAsync(HttpMethod.Post, "/types", $$$"""{"volume_type": {"name": "{{{name}}}"}}"""))!["volume_type"]!;
        await SendAsync(HttpMethod.Post, $"/types/{type["id"]}/extra_specs", $$$"""{"extra_specs": {"volume_backend_name": "{{{backend}}}"}}""");
    }

    public async Task<string> CreateVolumeAsync(string name, int sizeGb, string type)
    {
        var volume = (await SendAsync(HttpMethod.Post, "/volumes", $$$"""{"volume": {"name": "{{{name}}}", "size": {{{sizeGb}}}, "volume_type": "{{{type}}}"}}"""))!["volume"]!;
        var id = (string)volume["id"]!;
        await WaitAsync(async () => (string?)(await VolumeAsync(id))?["status"] == "available", $"volume {name} available");
        return id;
    }

    /// <summary>Deletes the volumes whose name starts with the prefix and waits until Cinder no longer lists them.</summary>
    public async Task DeleteVolumesAsync(string prefix)
    {
        var doomed = (await VolumesAsync()).Where(v => ((string?)v["name"] ?? "").StartsWith(prefix, StringComparison.Ordinal)).ToList();
        foreach (var v in doomed.Where(v => (string?)v["status"] != "deleting"))
            await SendAsync(HttpMethod.Delete, $"/volumes/{v["id"]}");
        await WaitAsync(async () => !(await VolumesAsync()).Any(v => ((string?)v["name"] ?? "").StartsWith(prefix, StringComparison.Ordinal)),
            $"volumes {prefix}* deleted");
    }

    public static async Task WaitAsync(Func<Task<bool>> done, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Cinder: {what} not reached within {(patience ?? Patience).TotalSeconds} s");
            await Task.Delay(1000);
        }
    }

    public void Dispose() => _http.Dispose();
}
