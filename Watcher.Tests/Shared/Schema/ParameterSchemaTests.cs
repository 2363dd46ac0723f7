using System.Text.Json.Nodes;
using Watcher.Modules.Shared.Schema;

namespace Watcher.Tests.Shared.Schema;

/// <summary>Upstream's "strict + defaults" validation of audit parameters (reference §5.5).</summary>
public sealed class ParameterSchemaTests
{
    private static JsonObject Schema() => (JsonObject)JsonNode.Parse("""
        {"type": "object", "properties": {
            "period": {"type": "number", "default": 3600, "minimum": 0},
            "name": {"type": "string", "default": "x"},
            "nested": {"type": "object", "properties": {"depth": {"type": "integer", "default": 2}}, "default": {}}
        }}
        """)!;

    [Fact]
    public void Validate_FillsMissingDefaults_IncludingInsideNestedObjects()
    {
        var parameters = new JsonObject { ["name"] = "given" };
        ParameterSchema.ValidateAndApplyDefaults(Schema(), parameters);
        Assert.Equal("""{"name":"given","period":3600,"nested":{"depth":2}}""", parameters.ToJsonString());
    }

    [Fact]
    public void Validate_UndeclaredKey_IsRejectedAndNamed()
    {
        var ex = Assert.Throws<SchemaViolationException>(() =>
            ParameterSchema.ValidateAndApplyDefaults(Schema(), new JsonObject { ["unknown"] = 1 }));
        Assert.Equal("unknown", ex.UnknownProperty);
    }

    [Theory]
    [InlineData("""{"period": -1}""", "less than the minimum of 0")]
    [InlineData("""{"period": "soon"}""", "is not of type 'number'")]
    [InlineData("""{"nested": {"depth": 1.5}}""", "is not of type 'integer'")]
    public void Validate_ValueOutsideItsSchema_IsRejectedWithTheReason(string json, string reason)
    {
        var ex = Assert.Throws<SchemaViolationException>(() => ParameterSchema.Validate(Schema(), JsonNode.Parse(json)));
        Assert.Contains(reason, ex.Message);
    }

    [Fact]
    public void Validate_SchemaNumbersBuiltInCode_AreReadLikeParsedOnes()
    {
        var schema = new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["maximum"] = 10L };
        ParameterSchema.Validate(schema, JsonValue.Create(3));
        Assert.Throws<SchemaViolationException>(() => ParameterSchema.Validate(schema, JsonValue.Create(11)));
    }
}
