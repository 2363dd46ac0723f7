using Microsoft.Extensions.Configuration;
using Watcher.Modules.Api.Contracts;
using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Auth;

/// <summary>
/// Upstream's default policy (reference §2.1) with the operator's overrides from <c>Watcher:Api:Policy</c>: one
/// key per rule, the oslo.policy check string as value — <c>"Watcher:Api:Policy:audit:create": "role:member"</c>
/// (in appsettings.json: <c>"Policy": { "audit:create": "role:member" }</c>). Parsed once at start-up; a bad
/// check string stops start-up naming the rule.
/// </summary>
public sealed class Policy
{
    public const string Section = "Watcher:Api:Policy";

    /// <summary>Every rule upstream defines, with its default check.</summary>
    public static readonly IReadOnlyDictionary<string, string> Defaults = BuildDefaults();

    private readonly Dictionary<string, PolicyCheck> _rules;

    public Policy(IConfiguration configuration)
    {
        var texts = new Dictionary<string, string>(Defaults);
        foreach (var (rule, check) in configuration.GetSection(Section).AsEnumerable(makePathsRelative: true))
            if (check is not null) texts[rule] = check;
        _rules = texts.ToDictionary(p => p.Key, p =>
        {
            try { return PolicyCheck.Parse(p.Value); }
            catch (FormatException e) { throw new InvalidOperationException($"{Section}:{p.Key}: {e.Message}", e); }
        });
    }

    public bool Allows(Caller caller, string rule) =>
        _rules.TryGetValue(rule, out var check) && check.Allows(caller, name => _rules.GetValueOrDefault(name));

    /// <summary>403 with upstream's text when the rule does not allow the caller.</summary>
    public void Enforce(Caller caller, string rule)
    {
        if (!Allows(caller, rule)) throw new PolicyNotAuthorizedException(rule);
    }

    private static Dictionary<string, string> BuildDefaults()
    {
        var rules = new Dictionary<string, string>
        {
            ["admin_api"] = "role:admin or role:administrator",
            ["admin_or_service_api"] = "rule:admin_api or role:service",
            ["show_password"] = "!",
            ["data_model:get_all"] = "rule:admin_api",
            ["webhook:trigger"] = "rule:admin_or_service_api",
            // Ours, not upstream's: GET /events (the notifications Watcher emitted), outside /v1.
            ["event:get_all"] = "rule:admin_api",
        };
        void Resource(string name, params string[] actions)
        {
            foreach (var action in actions) rules[$"{name}:{action}"] = "rule:admin_api";
        }
        Resource("goal", "get_all", "detail", "get");
        Resource("strategy", "get_all", "detail", "get", "state");
        Resource("audit_template", "get_all", "detail", "get", "create", "update", "delete");
        Resource("audit", "get_all", "detail", "get", "create", "update", "delete");
        Resource("action_plan", "get_all", "detail", "get", "update", "delete", "start");
        Resource("action", "get_all", "detail", "get", "update");
        Resource("scoring_engine", "get_all", "detail", "get");
        Resource("service", "get_all", "detail", "get");
        return rules;
    }
}

public sealed class PolicyNotAuthorizedException(string rule)
    : WatcherException(403, $"Policy doesn't allow {rule} to be performed.");
