using System.Text.Json.Nodes;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Api.Http;

/// <summary>The three timestamps every stored object shows in its detail form.</summary>
public interface ITimestamped
{
    DateTime CreatedAt { get; }
    DateTime? UpdatedAt { get; }
    DateTime? DeletedAt { get; }
}

public static class Timestamps
{
    public static void Add(JsonObject view, Entity entity) => Add(view, entity.CreatedAt, entity.UpdatedAt, entity.DeletedAt);

    public static void Add(JsonObject view, ITimestamped row) => Add(view, row.CreatedAt, row.UpdatedAt, row.DeletedAt);

    private static void Add(JsonObject view, DateTime created, DateTime? updated, DateTime? deleted)
    {
        view["created_at"] = Wire.Date(created);
        view["updated_at"] = Wire.Date(updated);
        view["deleted_at"] = Wire.Date(deleted);
    }
}
