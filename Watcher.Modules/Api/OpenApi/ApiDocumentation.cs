using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;
using Watcher.Modules.Api.Http;

namespace Watcher.Modules.Api.OpenApi;

/// <summary>The query arguments an endpoint accepts (documented as query parameters).</summary>
public sealed record QueryArguments(IReadOnlyList<string> Names);

/// <summary>
/// The OpenAPI document at /swagger/v1/swagger.json (Swashbuckle) and Swagger UI at /swagger: schemas from the wire
/// records (ResourceSchemas, EnvelopeSchemas), every response with its status and Watcher's error envelope, the
/// microversion header, query arguments, and — in keystone mode only — the X-Auth-Token scheme, so "Try it out"
/// asks for a token exactly when the API does. OpenAPI 3.1, whose schemas are plain JSON Schema.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentPath = "/swagger/v1/swagger.json";
    public const string TokenScheme = "keystone";

    public static IServiceCollection AddApiDocument(this IServiceCollection services, string authMode, bool webhooksPublic)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "OpenStack Watcher API (infra-optim)",
                Version = $"v1 (microversions {ApiVersion.Min} to {ApiVersion.Max})",
                Description = authMode == AuthModes.Keystone
                    ? "Every /v1 call needs a Keystone token in X-Auth-Token (Authorize); upstream's policy rules apply."
                    : "Authentication is off (Watcher:Api:Auth = none): every caller is an admin.",
            });
            o.SupportNonNullableReferenceTypes();
            o.MapType<JsonNode>(() => new OpenApiSchema { Description = "Any JSON value." });
            o.MapType<JsonObject>(() => new OpenApiSchema { Type = JsonSchemaType.Object });
            o.MapType<JsonArray>(() => new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema() });
            o.SchemaFilter<ClosedWireSchemas>();
            o.AddOperationFilterInstance(new WireOperations(authMode, webhooksPublic));
            if (authMode == AuthModes.Keystone)
                o.AddSecurityDefinition(TokenScheme, new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = Auth.ApiAuthorization.TokenHeader,
                    Description = "A Keystone token (`openstack token issue -f value -c id`).",
                });
        });
        return services;
    }

    public static WebApplication UseApiDocument(this WebApplication app)
    {
        app.UseSwagger(o => o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1);
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint(DocumentPath, "Watcher API v1");
            o.DocumentTitle = "Watcher API";
            o.EnablePersistAuthorization();
        });
        return app;
    }

    /// <summary>A JSON body of this wire type answers with <paramref name="status"/>.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder builder, int status = StatusCodes.Status200OK) =>
        builder.Produces<T>(status, "application/json");

    /// <summary>The endpoint reads a JSON body of this wire type.</summary>
    public static RouteHandlerBuilder Takes<T>(this RouteHandlerBuilder builder, bool optional = false) =>
        builder.Accepts<T>(optional, "application/json");

    public static RouteHandlerBuilder WithQuery(this RouteHandlerBuilder builder, params string[] names) =>
        builder.WithMetadata(new QueryArguments(names));
}
