using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Watcher.Modules.Api.Http;

/// <summary>
/// Writes JsonNode views as they are (they are already snake_case and version-filtered), straight into the response
/// body. Only what JSON requires is escaped (quotes, backslashes, control characters), as upstream writes it:
/// `+00:00`, not `\u002B00:00`, so byte-level diffs and grep-based scripts match. These bodies are
/// application/json, never embedded in HTML.
/// </summary>
public static class ApiResults
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    public static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) => new JsonResult(node, status, null);

    public static IResult Created(JsonObject node, string location) => new JsonResult(node, StatusCodes.Status201Created, location);

    /// <summary>The bytes <see cref="Json"/> writes, for callers outside HTTP (error envelopes, tests).</summary>
    public static string Serialize(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) node.WriteTo(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private sealed class JsonResult(JsonNode node, int status, string? location) : IResult
    {
        public async Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            if (location is not null) http.Response.Headers.Location = location;
            http.Response.ContentType = "application/json";
            await using (var writer = new Utf8JsonWriter(http.Response.BodyWriter, WriterOptions)) node.WriteTo(writer);
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
        }
    }
}
