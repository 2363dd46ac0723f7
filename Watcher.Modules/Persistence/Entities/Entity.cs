namespace Watcher.Modules.Persistence.Entities;

/// <summary>
/// Columns every Watcher table has (reference §3.1). Soft delete sets both <see cref="DeletedAt"/> and
/// <see cref="Deleted"/> (= the row id, the oslo.db convention that keeps unique-with-deleted indexes working).
/// Timestamps are stamped by the DbContext from its TimeProvider, always UTC.
/// </summary>
public abstract class Entity
{
    public int Id { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UpdatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
    public int Deleted { get; set; }

    public bool IsDeleted => DeletedAt is not null;

    public void SoftDelete(DateTime nowUtc)
    {
        DeletedAt = nowUtc;
        Deleted = Id;
    }
}

/// <summary>An entity addressed on the API by a UUID.</summary>
public abstract class UuidEntity : Entity
{
    public string Uuid { get; set; } = Guid.NewGuid().ToString();
}
