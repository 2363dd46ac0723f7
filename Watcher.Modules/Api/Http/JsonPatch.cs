using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Watcher.Modules.Shared.Errors;
using Watcher.Modules.Shared.Json;

namespace Watcher.Modules.Api.Http;

/// <summary>One RFC 6902 operation as Watcher accepts it (add, replace, remove).</summary>
public sealed record PatchOp(string Op, string Path, JsonNode? Value, bool HasValue)
{
    /// <summary>First segment of the path, e.g. "state" for "/state".</summary>
    public string Root => Path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "";
}

/// <summary>Parses and applies JSON-Patch documents onto a JSON view of the resource (upstream does the same).</summary>
public static partial class JsonPatch
{
    private static readonly string[] Known = ["op", "path", "value"];

    public static async Task<(IReadOnlyList<PatchOp> Ops, string Text)> Read(HttpRequest request)
    {
        if (await JsonBody.Read(request) is not JsonArray array)
            throw new InvalidRequestException("Invalid input for argument patch: a JSON-Patch array is expected");
        var ops = new List<PatchOp>();
        foreach (var item in array)
        {
            if (item is not JsonObject o) throw new InvalidRequestException("Invalid input for argument patch: each operation must be an object");
            JsonBody.RejectUnknown(o, "patch", Known);
            var op = Wire.AsString(o["op"]);
            if (op is not ("add" or "replace" or "remove"))
                throw new InvalidRequestException($"Invalid input for field/attribute op. Value: '{op}'. Value should be one of: add, replace, remove");
            var path = Wire.AsString(o["path"]);
            if (path is null || !PathPattern().IsMatch(path))
                throw new InvalidRequestException($"Invalid input for field/attribute path. Value: '{path}'. Invalid patch path");
            var hasValue = o.ContainsKey("value");
            if (op != "remove" && !hasValue)
                throw new InvalidRequestException("'add' and 'replace' operations need a value");
            ops.Add(new PatchOp(op, path, o["value"].Clone(), hasValue));
        }
        return (ops, array.ToJsonString());
    }

    /// <summary>Applies the operations to <paramref name="document"/> in place; failures are 400 PatchError.</summary>
    public static void Apply(JsonObject document, IEnumerable<PatchOp> ops, string patchText)
    {
        foreach (var op in ops)
        {
            var segments = op.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Unescape).ToArray();
            JsonNode parent = document;
            foreach (var segment in segments[..^1])
                parent = Child(parent, segment) ?? throw PatchError(patchText, $"can't resolve path {op.Path}");
            var last = segments[^1];
            switch (parent)
            {
                case JsonObject obj:
                    if (op.Op != "add" && !obj.ContainsKey(last)) throw PatchError(patchText, $"can't remove/replace non-existent object '{last}'");
                    if (op.Op == "remove") obj.Remove(last);
                    else obj[last] = op.Value.Clone();
                    break;
                case JsonArray arr:
                    var index = last == "-" ? arr.Count : int.TryParse(last, out var i) ? i : -1;
                    if (index < 0 || index > arr.Count || (op.Op != "add" && index == arr.Count))
                        throw PatchError(patchText, $"index {last} out of range");
                    if (op.Op == "remove") arr.RemoveAt(index);
                    else if (op.Op == "replace") arr[index] = op.Value.Clone();
                    else arr.Insert(index, op.Value.Clone());
                    break;
                default:
                    throw PatchError(patchText, $"can't resolve path {op.Path}");
            }
        }
    }

    public static InvalidRequestException PatchError(string patchText, string reason) =>
        new($"Couldn't apply patch '{patchText}'. Reason: {reason}");

    private static JsonNode? Child(JsonNode parent, string segment) => parent switch
    {
        JsonObject o => o[segment],
        JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
        _ => null,
    };

    private static string Unescape(string segment) => segment.Replace("~1", "/").Replace("~0", "~");

    [GeneratedRegex(@"^(/[\w~.\-]+)+$")]
    private static partial Regex PathPattern();
}
