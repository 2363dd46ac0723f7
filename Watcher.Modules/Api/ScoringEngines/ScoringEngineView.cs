using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Api.ScoringEngines;

public static class ScoringEngineView
{
    public static readonly SortFields<ScoringEngine> Sort = new SortFields<ScoringEngine>(Markers.ByUuid<ScoringEngine>)
        .Key("uuid", e => e.Uuid).Key("name", e => e.Name).Key("description", e => e.Description)
        .Key("metainfo", e => e.Metainfo).WithTimestamps();

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
