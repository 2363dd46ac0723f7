using System.Text.Json.Nodes;
using Watcher.Modules.Api.Http;
using Watcher.Modules.Persistence.Entities;
using Watcher.Modules.Shared.Services;

namespace Watcher.Modules.Api.Services;

public static class ServiceView
{
    public const string Active = "ACTIVE", Failed = "FAILED";

    public static SortFields<Service> Sort(DateTime now, TimeSpan downTime) => new(s => s.Id, s => s.Id.ToString(),
        new Dictionary<string, Func<Service, object?>>
        {
            ["id"] = s => s.Id, ["name"] = s => s.Name, ["host"] = s => s.Host, ["last_seen_up"] = s => s.LastSeenUp,
            ["status"] = s => Status(s, now, downTime), ["created_at"] = s => s.CreatedAt,
            ["updated_at"] = s => s.UpdatedAt, ["deleted_at"] = s => s.DeletedAt,
        });

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
