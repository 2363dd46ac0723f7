using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Http;

namespace Watcher.Modules.Api.OpenApi;

/// <summary>
/// What every operation shares and ApiExplorer cannot see: the microversion header (request and response), query
/// arguments, the error statuses each kind of route can answer (all in Watcher's error envelope), the policy rule,
/// and the token requirement when authentication is on.
/// </summary>
public sealed class WireOperations(string authMode, bool webhooksPublic) : IOperationFilter
{
    private static readonly Dictionary<string, (string Description, JsonSchemaType Type, JsonNode[]? Values)> KnownArguments = new()
    {
        ["limit"] = ("Page size; above Watcher:Api:MaxLimit it is capped.", JsonSchemaType.Integer, null),
        ["marker"] = ("Start after this row (its UUID; a service's id).", JsonSchemaType.String, null),
        ["sort_key"] = ("Field to sort on (default id).", JsonSchemaType.String, null),
        ["sort_dir"] = ("Sort direction.", JsonSchemaType.String, ["asc", "desc"]),
        ["goal"] = ("Only those of this goal (UUID or name).", JsonSchemaType.String, null),
        ["strategy"] = ("Only those of this strategy (UUID or name).", JsonSchemaType.String, null),
        ["audit_uuid"] = ("Only those of this audit.", JsonSchemaType.String, null),
        ["action_plan_uuid"] = ("Only those of this action plan.", JsonSchemaType.String, null),
        ["data_model_type"] = ("compute (default); storage and baremetal answer 501 until modelled.", JsonSchemaType.String, null),
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var metadata = context.ApiDescription.ActionDescriptor.EndpointMetadata;
        var path = "/" + (context.ApiDescription.RelativePath ?? "");
        var method = context.ApiDescription.HttpMethod ?? "GET";
        var rule = metadata.OfType<PolicyRule>().FirstOrDefault();
        var isPublic = metadata.OfType<PublicRoute>().Any() || (rule?.Name == ApiAuthorization.WebhookRule && webhooksPublic);
        var isV1 = path.StartsWith("/v1", StringComparison.Ordinal);
        var hasBody = method is "POST" or "PATCH";
        var error = context.SchemaGenerator.GenerateSchema(typeof(ErrorBody), context.SchemaRepository);

        operation.Parameters ??= [];
        foreach (var name in metadata.OfType<QueryArguments>().SelectMany(q => q.Names))
        {
            var (description, type, values) = KnownArguments.TryGetValue(name, out var known)
                ? known : ($"Filter on {name}.", JsonSchemaType.String, null);
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name, In = ParameterLocation.Query, Description = description,
                Schema = new OpenApiSchema { Type = type, Enum = values?.ToList() },
            });
        }
        if (isV1)
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Microversions.Header, In = ParameterLocation.Header,
                Description = $"`{Microversions.ServiceType} X.Y` ({ApiVersion.Min} to {ApiVersion.Max}) or " +
                    $"`{Microversions.ServiceType} latest`; absent means {ApiVersion.Min}.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                Example = JsonValue.Create($"{Microversions.ServiceType} {ApiVersion.Max}"),
            });
            if (method == "GET")
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = "X-Show-Deleted", In = ParameterLocation.Header,
                    Description = "true: soft-deleted rows are shown too.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.Boolean },
                });
        }
        if (rule is not null)
            operation.Description = $"Policy rule `{rule.Name}`" + (isPublic ? " (public: Watcher:Api:EnableWebhooksAuth is false)." : ".");

        operation.Responses ??= [];
        if (isV1)
        {
            Error("400", "Invalid input: unknown query argument, wrong type, bad value.");
            Error("406", "The requested microversion is not supported.");
            Error("500", "Unexpected server error.");
        }
        if (path.Contains('{')) Error("404", "No such resource.");
        if (metadata.OfType<QueryArguments>().Any()) Error("404", "A marker or filter (goal, strategy, audit, plan) names no such resource.");
        if (method is "POST" or "PATCH" or "DELETE") Error("409", "Conflict with the current state (name taken, state transition, resource in use).");
        if (hasBody)
        {
            Error("413", "The body is larger than Watcher:Api:MaxRequestBodySize (1 MB).");
            Error("415", "A body that is not application/json.");
        }
        if (method != "GET" && isV1) Error("403", "A browser request from another origin (Watcher:Api:CorsAllowedOrigins), or the policy refuses.");
        if (path.StartsWith("/v1/data_model", StringComparison.Ordinal)) Error("501", "This data model type is not modelled yet.");
        if (path.StartsWith("/what-if/", StringComparison.Ordinal))
        {
            Error("400", "Not a UUID, or an unknown query argument.");
            Error("409", "The plan has started: a what-if is computed only for a RECOMMENDED or PENDING plan.");
        }
        if (!isV1 && path != "/") Error("500", "Unexpected server error.");
        if ((isV1 || rule is not null) && !isPublic && authMode == AuthModes.Keystone)
        {
            Error("401", "No valid Keystone token in X-Auth-Token.");
            Error("403", "The policy rule does not allow the caller: \"Policy doesn't allow <rule> to be performed.\"");
            Error("503", "Keystone could not be asked to validate the token.");
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentation.TokenScheme, context.Document)] = [] }];
        }
        if (isV1)
            foreach (var response in operation.Responses.Values.OfType<OpenApiResponse>())
            {
                response.Headers ??= new Dictionary<string, IOpenApiHeader>();
                response.Headers[Microversions.Header] = Header("The microversion that answered: `infra-optim X.Y`.");
                response.Headers[Microversions.MinHeader] = Header("Lowest supported microversion.");
                response.Headers[Microversions.MaxHeader] = Header("Highest supported microversion.");
            }

        void Error(string status, string description)
        {
            if (operation.Responses.TryGetValue(status, out var existing) && existing is OpenApiResponse known)
            {
                if (!(known.Description ?? "").Contains(description, StringComparison.Ordinal))
                    known.Description = string.IsNullOrEmpty(known.Description) ? description : $"{known.Description} Or: {description}";
                return;
            }
            operation.Responses[status] = new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, IOpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = error } },
            };
        }
    }

    private static OpenApiHeader Header(string description) =>
        new() { Description = description, Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
}

/// <summary>Wire records list every field a body may have: anything else in a response is a documentation drift.</summary>
public sealed class ClosedWireSchemas : ISchemaFilter
{
    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (context.Type.Namespace == typeof(ClosedWireSchemas).Namespace && schema is OpenApiSchema { Properties.Count: > 0 } s)
            s.AdditionalPropertiesAllowed = false;
    }
}
