using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Watcher.Tests.Support;

/// <summary>Small HTTP helpers for API tests: JSON in/out and Watcher's doubly-encoded error envelope.</summary>
public static class ApiFactoryHttp
{
    public static async Task<JsonNode> Json(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, string json) =>
        client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchJson(this HttpClient client, string url, string json) =>
        client.PatchAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> Replace(this HttpClient client, string url, string path, object value) =>
        client.PatchJson(url, new JsonArray(new JsonObject
        {
            ["op"] = "replace", ["path"] = path, ["value"] = JsonValue.Create(value),
        }).ToJsonString());

    /// <summary>error_message is a JSON string; decode it a second time and return the fault.</summary>
    public static async Task<(string FaultCode, string FaultString)> Fault(this HttpResponseMessage response)
    {
        var body = await response.Json();
        var inner = JsonNode.Parse(body["error_message"]!.GetValue<string>())!;
        Assert.Null(inner["debuginfo"]);
        return (inner["faultcode"]!.GetValue<string>(), inner["faultstring"]!.GetValue<string>());
    }

    public static async Task<string> FaultString(this HttpResponseMessage response) => (await response.Fault()).FaultString;

    public static async Task<JsonNode> ExpectJson(this Task<HttpResponseMessage> call, int status = 200)
    {
        var response = await call;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    public static async Task<string> ExpectError(this Task<HttpResponseMessage> call, int status)
    {
        var response = await call;
        Assert.True((int)response.StatusCode == status,
            $"expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.FaultString();
    }

    public static async Task ExpectStatus(this Task<HttpResponseMessage> call, int status)
    {
        var response = await call;
        Assert.True((int)response.StatusCode == status,
            $"expected {status}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
