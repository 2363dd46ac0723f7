using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>Request bodies are read as JSON documents so unknown and read-only attributes can be reported exactly.</summary>
public static class JsonBody
{
    public static async Task<JsonNode?> Read(HttpRequest request)
    {
        // RequestSafety has checked the media type and the declared length; a body sent without a length (chunked)
        // is cut at the same limit here, whatever server runs us.
        var limit = request.HttpContext.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxRequestBodySize;
        using var reader = new StreamReader(request.Body);
        var text = new System.Text.StringBuilder();
        var chunk = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            text.Append(chunk, 0, n);
            if (text.Length > limit) throw new PayloadTooLargeException(limit);
        }
        if (text.Length == 0 || string.IsNullOrWhiteSpace(text.ToString())) return null;
        try
        {
            return JsonNode.Parse(text.ToString());
        }
        catch (JsonException ex)
        {
            throw new InvalidRequestException($"Invalid JSON in request body: {ex.Message}");
        }
    }

    public static async Task<JsonObject> ReadObject(HttpRequest request, string argument) =>
        await Read(request) switch
        {
            JsonObject o => o,
            null => throw new InvalidRequestException($"Missing argument: \"{argument}\""),
            _ => throw new InvalidRequestException($"Invalid input for argument {argument}: a JSON object is expected"),
        };

    /// <summary>Rejects attributes a typed body does not declare, the way WSME does.</summary>
    public static void RejectUnknown(JsonObject body, string argument, IReadOnlyCollection<string> known)
    {
        var unknown = body.Select(p => p.Key).Where(k => !known.Contains(k)).ToList();
        if (unknown.Count == 1) throw new InvalidRequestException($"Unknown attribute for argument {argument}: {unknown[0]}");
        if (unknown.Count > 1) throw new InvalidRequestException($"Unknown attributes for argument {argument}: {string.Join(", ", unknown)}");
    }
}
