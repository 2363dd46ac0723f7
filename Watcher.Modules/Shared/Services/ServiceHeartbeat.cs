using Microsoft.EntityFrameworkCore;
using Watcher.Modules.Persistence;
using Watcher.Modules.Persistence.Entities;

namespace Watcher.Modules.Shared.Services;

/// <summary>One beat of a service (reference §15): the (name, host) row exists and was seen up now.</summary>
public static class ServiceHeartbeat
{
    public static async Task BeatAsync(WatcherDbContext db, string name, string host, CancellationToken ct)
    {
        var now = db.UtcNow;
        var service = await db.Services.SingleOrDefaultAsync(s => s.Name == name && s.Host == host, ct);
        if (service is null)
            db.Services.Add(new Service { Name = name, Host = host, LastSeenUp = now });
        else
            service.LastSeenUp = now;
        await db.SaveChangesAsync(ct);
    }
}
