using Microsoft.Extensions.Configuration;
using Watcher.Modules.Api.Auth;
using Watcher.Modules.Api.Contracts;

namespace Watcher.Tests.Api;

/// <summary>oslo.policy check strings as operators write them, and upstream's default rules (reference §2.1).</summary>
public sealed class PolicyTests
{
    private static Caller With(params string[] roles) => new("u1", "alice", "p1", "demo", "default", roles);

    private static Policy Policy(params (string Rule, string Check)[] overrides) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(
            overrides.Select(o => new KeyValuePair<string, string?>($"Watcher:Api:Policy:{o.Rule}", o.Check))).Build());

    [Theory]
    [InlineData("role:admin or role:administrator", new[] { "administrator" }, true)]
    [InlineData("role:admin and role:reader", new[] { "admin" }, false)]
    [InlineData("role:admin and (role:reader or role:member)", new[] { "admin", "member" }, true)]
    [InlineData("not role:reader", new[] { "member" }, true)]
    [InlineData("@", new string[0], true)]
    [InlineData("", new string[0], true)]
    [InlineData("!", new[] { "admin" }, false)]
    [InlineData("project_id:p1 and role:member", new[] { "member" }, true)]
    [InlineData("project_id:p2 or user_name:alice", new string[0], true)]
    [InlineData("project_id:%(project_id)s", new[] { "admin" }, false)]
    [InlineData("rule:admin_api", new[] { "ADMIN" }, true)]
    [InlineData("rule:no_such_rule", new[] { "admin" }, false)]
    public void ChecksEvaluate_AsOsloPolicyDoes(string check, string[] roles, bool allowed) =>
        Assert.Equal(allowed, Policy(("x", check)).Allows(With(roles), "x"));

    [Fact]
    public void Defaults_AreAdminOnly_WithWebhooksForServicesToo()
    {
        var policy = Policy();
        Assert.True(policy.Allows(With("admin"), "audit:create"));
        Assert.False(policy.Allows(With("member", "reader"), "goal:get_all"));
        Assert.True(policy.Allows(With("service"), "webhook:trigger"));
        Assert.False(policy.Allows(With("service"), "audit:get"));
        Assert.False(policy.Allows(With("admin"), "show_password"));
        Assert.False(policy.Allows(With("admin"), "no:such:rule"));
        Assert.Equal(41, global::Watcher.Modules.Api.Auth.Policy.Defaults.Count);   // upstream's 40 and our event:get_all
    }

    [Fact]
    public void ALoopOfRules_Denies()
    {
        var policy = Policy(("a", "rule:b"), ("b", "rule:a"));
        Assert.False(policy.Allows(With("admin"), "a"));
    }

    [Theory]
    [InlineData("role:admin or")]
    [InlineData("(role:admin")]
    [InlineData("admin")]
    [InlineData("role:admin )")]
    public void ABadCheck_IsRefusedAtStartUp(string check) =>
        Assert.Throws<InvalidOperationException>(() => Policy(("audit:get", check)));
}
