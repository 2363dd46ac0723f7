using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Api.Services;

public static class ServiceView
{
    public const string Active = "ACTIVE", Failed = "FAILED";

    /// <summary>
    /// The services upstream lists are its decision engines and appliers; the API is not one of them. Databases
    /// written before this change hold a watcher-api row per host: it is not shown.
    /// </summary>
    public static IQueryable<Service> Listed(IQueryable<Service> services) => services.Where(s => s.Name != "watcher-api");

    /// <summary>The sort keys; `status` is computed in SQL from the same rule as <see cref="Status"/>.</summary>
    public static SortFields<Service> Sort(DateTime now, TimeSpan downTime)
    {
        var earliest = now - downTime;
        var latest = now + downTime;
        return new SortFields<Service>(Markers.ById<Service>)
            .Key("name", s => s.Name).Key("host", s => s.Host).Key("last_seen_up", s => s.LastSeenUp)
            .Key("status", s => (s.LastSeenUp ?? s.UpdatedAt ?? s.CreatedAt) >= earliest
                && (s.LastSeenUp ?? s.UpdatedAt ?? s.CreatedAt) <= latest ? Active : Failed)
            .WithTimestamps();
    }

    /// <summary>ACTIVE when the last heartbeat (or the last write) is within service_down_time.</summary>
    public static string Status(Service service, DateTime now, TimeSpan downTime) =>
        ServiceStatusOptions.StatusOf(service, now, downTime);

    public static JsonObject Build(Service service, ApiContext context, bool detail, DateTime now, TimeSpan downTime)
    {
        var view = new JsonObject
        {
            ["id"] = service.Id,
            ["name"] = service.Name,
            ["host"] = service.Host,
            ["status"] = Status(service, now, downTime),
        };
        if (detail)
        {
            view["last_seen_up"] = Wire.Date(service.LastSeenUp);
            Timestamps.Add(view, service);
        }
        view["links"] = context.Links("services", service.Id.ToString());
        return view;
    }
}
