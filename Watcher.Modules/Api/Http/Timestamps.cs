using System.Text.Json.Nodes;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Api.Http;

public static class Timestamps
{
    public static void Add(JsonObject view, Entity entity)
    {
        view["created_at"] = Wire.Date(entity.CreatedAt);
        view["updated_at"] = Wire.Date(entity.UpdatedAt);
        view["deleted_at"] = Wire.Date(entity.DeletedAt);
    }
}
