using System.Text.Json.Nodes;
using MediatR;
using Watcher.Modules.Api.Http;
using Watcher.Modules.ClusterModel.Contracts;
using Watcher.Modules.Persistence;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.DataModel;

/// <summary>
/// GET /v1/data_model (≥1.3, reference §2.12): one row per (node, instance), node-only rows for empty nodes,
/// keys restricted to a frozen whitelist so model internals never leak without a microversion bump. The storage
/// model (ours) answers the same way (<see cref="StorageDataModelRows"/>).
/// </summary>
public sealed record GetDataModel(ApiContext Context, string Type, string? AuditIdent) : IRequest<JsonObject>;

public sealed class GetDataModelHandler(WatcherDbContext db, IMediator mediator) : IRequestHandler<GetDataModel, JsonObject>
{
    public async Task<JsonObject> Handle(GetDataModel request, CancellationToken ct)
    {
        var context = request.Context;
        if (!context.Version.AtLeast(ApiVersion.DataModel)) throw new NotAcceptableException();
        if (request.Type is not ("compute" or "storage")) throw new NotFoundException($"The {request.Type} data model could not be found");
        JsonArray? scope = null;
        if (request.AuditIdent is { } ident)
        {
            if (!Wire.IsUuid(ident) && !Wire.IsInt(ident))
                throw new InvalidRequestException($"Expected a uuid or int but received {ident}");
            scope = (await db.GetAudit(context with { ShowDeleted = false }, ident, ct)).Scope;
        }
        if (request.Type == "storage")
            return new JsonObject { ["context"] = StorageDataModelRows.Build(StorageScope.ApplyScope(await mediator.Send(new GetStorageModel(), ct), scope)) };

        // The same scoping an audit's strategy sees (reference §2.12: "scoped by that audit's scope").
        var model = ComputeScope.ApplyScope(await mediator.Send(new GetComputeModel(), ct), scope);

        var rows = new JsonArray();
        foreach (var node in model.Nodes.OrderBy(n => n.Uuid, StringComparer.Ordinal))
        {
            var instances = model.InstancesOf(node).OrderBy(i => i.Uuid, StringComparer.Ordinal).ToList();
            if (instances.Count == 0) rows.Add(NodeRow(node));
            foreach (var instance in instances)
            {
                var row = NodeRow(node);
                AddServer(row, instance, context.Version);
                rows.Add(row);
            }
        }
        return new JsonObject { ["context"] = rows };
    }

    private static JsonObject NodeRow(ComputeNode node) => new()
    {
        ["node_uuid"] = node.Uuid, ["node_hostname"] = node.Hostname, ["node_status"] = node.Status,
        ["node_disabled_reason"] = node.DisabledReason, ["node_state"] = node.State,
        ["node_memory"] = node.Memory, ["node_memory_mb_reserved"] = node.MemoryMbReserved,
        ["node_disk"] = node.Disk, ["node_disk_gb_reserved"] = node.DiskGbReserved,
        ["node_vcpus"] = node.Vcpus, ["node_vcpu_reserved"] = node.VcpuReserved,
        ["node_memory_ratio"] = node.MemoryRatio, ["node_vcpu_ratio"] = node.VcpuRatio, ["node_disk_ratio"] = node.DiskRatio,
    };

    private static void AddServer(JsonObject row, Instance instance, ApiVersion version)
    {
        row["server_uuid"] = instance.Uuid;
        row["server_watcher_exclude"] = instance.WatcherExclude;
        row["server_name"] = instance.Name;
        row["server_state"] = instance.State;
        row["server_memory"] = instance.Memory;
        row["server_disk"] = instance.Disk;
        row["server_vcpus"] = instance.Vcpus;
        row["server_metadata"] = JsonNode.Parse(instance.Metadata.ToJsonString());
        row["server_project_id"] = instance.ProjectId;
        row["server_locked"] = instance.Locked;
        if (version.AtLeast(ApiVersion.ExtendedAttributes))
        {
            // Extended attributes are not collected (upstream fills them only with enable_extended_attributes).
            row["server_pinned_az"] = null;
            row["server_flavor_extra_specs"] = null;
        }
    }
}
