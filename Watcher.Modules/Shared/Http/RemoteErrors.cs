using System.Net.Http;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly.Timeout;

namespace Watcher.Modules.Shared.Http;

/// <summary>Readable reasons for failed remote calls, for status messages an operator acts on.</summary>
public static class RemoteErrors
{
    /// <summary>True for failures that mean "could not talk to the service" rather than "it said no".</summary>
    public static bool IsTransport(Exception e) =>
        e is HttpRequestException or TimeoutRejectedException or SocketException or IOException
        || e is TaskCanceledException { InnerException: TimeoutException };

    /// <summary>"connection refused", "no answer within 30 s", ... without stack-trace noise.</summary>
    public static string Describe(Exception e) => e switch
    {
        TimeoutRejectedException t => $"no answer within {t.Timeout.TotalSeconds:0.#} s",
        HttpRequestException { InnerException: SocketException s } => SocketReason(s),
        HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError } => "host name not resolved",
        // The service died or restarted with our request in flight: the socket error sits one level deeper.
        HttpRequestException { InnerException: IOException { InnerException: SocketException s } } => SocketReason(s),
        HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded } or
            HttpRequestException { InnerException: IOException } => "connection closed before the answer came",
        HttpRequestException h => h.Message,
        SocketException s => SocketReason(s),
        _ => e.Message,
    };

    private static string SocketReason(SocketException s) => s.SocketErrorCode switch
    {
        SocketError.ConnectionRefused => "connection refused",
        SocketError.HostUnreachable or SocketError.NetworkUnreachable => "host unreachable",
        SocketError.TimedOut => "connection timed out",
        SocketError.ConnectionReset => "connection reset",
        _ => s.Message,
    };

    /// <summary>
    /// The message inside an OpenStack error body: Nova's <c>{"conflictingRequest": {"message": ...}}</c>,
    /// Keystone's <c>{"error": {"message": ...}}</c>, Placement's <c>{"errors": [{"detail": ...}]}</c>,
    /// Gnocchi's <c>{"description": ...}</c>, Prometheus' <c>{"error": "..."}</c>, Ironic's <c>{"error_message": "&lt;json&gt;"}</c>,
/// or the text itself.
    /// </summary>
    public static string BodyMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return "";
        try
        {
            if (JsonNode.Parse(body) is JsonObject obj) return FromObject(obj) ?? Shorten(body);
        }
        catch (JsonException)
        {
        }
        return Shorten(body);
    }

    private static string? FromObject(JsonObject obj)
    {
        // Ironic (wsme, like Watcher): {"error_message": "{\"faultstring\": ...}"}, the inner object as a JSON string.
        if (Text(obj["error_message"]) is { } wrapped)
        {
            try
            {
                if (JsonNode.Parse(wrapped) is JsonObject inner && Text(inner["faultstring"]) is { } fault) return fault;
            }
            catch (JsonException)
            {
            }
            return wrapped;
        }
        if (obj["errors"] is JsonArray { Count: > 0 } errors && errors[0] is JsonObject first)
            return Text(first["detail"]) ?? Text(first["title"]);
        foreach (var key in new[] { "message", "description", "error", "faultstring", "detail" })
            if (obj[key] is JsonValue v && Text(v) is { } s) return s;
        // {"itemNotFound": {"message": ..., "code": 404}} / {"error": {"message": ...}}
        foreach (var (_, value) in obj)
            if (value is JsonObject inner && (Text(inner["message"]) ?? Text(inner["description"])) is { } s) return s;
        return null;
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && !string.IsNullOrWhiteSpace(s) ? s.Trim() : null;

    private static string Shorten(string body)
    {
        var text = body.Trim();
        return text.Length <= 200 ? text : text[..200] + "...";
    }
}
