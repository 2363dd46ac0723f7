using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Api.ScoringEngines;

public static class ScoringEngineView
{
    public static readonly SortFields<ScoringEngine> Sort = new(e => e.Id, e => e.Uuid, new Dictionary<string, Func<ScoringEngine, object?>>
    {
        ["id"] = e => e.Id, ["uuid"] = e => e.Uuid, ["name"] = e => e.Name, ["description"] = e => e.Description,
        ["metainfo"] = e => e.Metainfo, ["created_at"] = e => e.CreatedAt, ["updated_at"] = e => e.UpdatedAt,
        ["deleted_at"] = e => e.DeletedAt,
    });

    public static JsonObject Build(ScoringEngine engine, ApiContext context, bool detail)
    {
        var view = new JsonObject { ["uuid"] = engine.Uuid, ["name"] = engine.Name, ["description"] = engine.Description };
        if (detail)
        {
            view["metainfo"] = engine.Metainfo;
            Timestamps.Add(view, engine);
        }
        view["links"] = context.Links("scoring_engines", engine.Uuid);
        return view;
    }
}
