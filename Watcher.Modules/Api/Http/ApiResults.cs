using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Watcher.Modules.Api.Http;

/// <summary>Writes JsonNode views as they are (they are already snake_case and version-filtered).</summary>
public static class ApiResults
{
    public static IResult Json(JsonNode node, int status = StatusCodes.Status200OK) =>
        Results.Content(node.ToJsonString(), "application/json", statusCode: status);

    public static IResult Created(JsonObject node, string location) => new CreatedJson(node, location);

    private sealed class CreatedJson(JsonObject node, string location) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = StatusCodes.Status201Created;
            http.Response.Headers.Location = location;
            http.Response.ContentType = "application/json";
            return http.Response.WriteAsync(node.ToJsonString());
        }
    }
}
