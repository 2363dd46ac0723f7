using System.Text;
using System.Text.Json.Nodes;

namespace Watcher.Modules.Cloud.OpenStack.Http;

/// <summary>
/// A JSON request body with a Content-Length. Streamed (chunked) bodies are not understood by every
/// OpenStack API server (uwsgi's plain HTTP socket reads them as empty: "Expecting to find auth in request body").
/// </summary>
internal static class JsonBody
{
    public static StringContent Create(JsonNode body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
