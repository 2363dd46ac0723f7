using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Http;

/// <summary>Request bodies are read as JSON documents so unknown and read-only attributes can be reported exactly.</summary>
public static class JsonBody
{
    public static async Task<JsonNode?> Read(HttpRequest request)
    {
        if (request.ContentType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase) && request.ContentLength > 0)
            throw new UnsupportedMediaTypeException(type);
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text);
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

public sealed class UnsupportedMediaTypeException(string type)
    : WatcherException(415, $"Unsupported Media Type: {type}. The request body must be JSON.");
