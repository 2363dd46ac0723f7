using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Persistence.Configurations;

/// <summary>
/// Declared text lengths (upstream's String(63)/String(255)) checked before every save. SQLite stores any length
/// and PostgreSQL rejects an overlong value with a bare server error; checking here gives both providers the
/// same clear 400 naming the field. System-written free text (status messages) is cut by the entities instead.
/// </summary>
public static class ColumnLengths
{
    public static void Check(ChangeTracker tracker)
    {
        foreach (var entry in tracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is not string text || property.Metadata.GetMaxLength() is not { } max) continue;
                if (text.Length > max)
                    throw new InvalidRequestException(
                        $"{property.Metadata.GetColumnName()} is {text.Length} characters long; at most {max} are allowed");
            }
        }
    }

    /// <summary>Status messages are cut to their column (255), as upstream's database would store them.</summary>
    public static string? Cut(string? message, int max = 255) =>
        message is null || message.Length <= max ? message : message[..max];
}
