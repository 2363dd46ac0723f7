using System.Text.RegularExpressions;
using Watcher.Modules.Api.Contracts;

namespace Watcher.Modules.Api.Auth;

/// <summary>
/// One oslo.policy check string, parsed: <c>role:admin or role:administrator</c>, <c>rule:admin_api</c>,
/// <c>@</c> / empty (always), <c>!</c> (never), <c>not</c>, <c>and</c>, <c>or</c>, parentheses, and
/// credential checks such as <c>project_id:1234</c> or <c>user_name:alice</c> (a <c>%(...)s</c> target value
/// never matches: Watcher's API rules have no target). The upstream syntax, so an operator's policy.yaml lines
/// can be pasted into configuration.
/// </summary>
public abstract partial record PolicyCheck
{
    public abstract bool Allows(Caller caller, Func<string, PolicyCheck?> rules, int depth = 0);

    public static PolicyCheck Parse(string text)
    {
        var tokens = Tokenize(text);
        if (tokens.Count == 0) return new Always();
        var position = 0;
        var check = ParseOr(tokens, ref position);
        if (position != tokens.Count) throw new FormatException($"Unexpected '{tokens[position]}' in policy check \"{text}\"");
        return check;
    }

    private static PolicyCheck ParseOr(List<string> t, ref int i)
    {
        var left = ParseAnd(t, ref i);
        while (i < t.Count && t[i].Equals("or", StringComparison.OrdinalIgnoreCase)) { i++; left = new Or(left, ParseAnd(t, ref i)); }
        return left;
    }

    private static PolicyCheck ParseAnd(List<string> t, ref int i)
    {
        var left = ParseNot(t, ref i);
        while (i < t.Count && t[i].Equals("and", StringComparison.OrdinalIgnoreCase)) { i++; left = new And(left, ParseNot(t, ref i)); }
        return left;
    }

    private static PolicyCheck ParseNot(List<string> t, ref int i)
    {
        if (i < t.Count && t[i].Equals("not", StringComparison.OrdinalIgnoreCase)) { i++; return new Not(ParseNot(t, ref i)); }
        return ParseAtom(t, ref i);
    }

    private static PolicyCheck ParseAtom(List<string> t, ref int i)
    {
        if (i >= t.Count) throw new FormatException("A policy check ends where a check was expected");
        var token = t[i++];
        if (token == "(")
        {
            var inner = ParseOr(t, ref i);
            if (i >= t.Count || t[i] != ")") throw new FormatException("A '(' in a policy check is not closed");
            i++;
            return inner;
        }
        if (token == "@") return new Always();
        if (token == "!") return new Never();
        var colon = token.IndexOf(':');
        if (colon <= 0) throw new FormatException($"'{token}' is not a policy check (kind:value, @ or !)");
        var kind = token[..colon];
        var value = token[(colon + 1)..].Trim('\'', '"');
        return kind switch
        {
            "role" => new Role(value),
            "rule" => new Rule(value),
            _ => new Credential(kind, value),
        };
    }

    /// <summary>oslo.policy's way: split on white space, then peel parentheses off a word's ends (so %(x)s stays whole).</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        foreach (var word in Words().Split(text.Trim()).Where(w => w.Length > 0))
        {
            var start = 0;
            while (start < word.Length && word[start] == '(') { tokens.Add("("); start++; }
            var end = word.Length;
            var closing = 0;
            while (end > start && word[end - 1] == ')') { end--; closing++; }
            if (end > start) tokens.Add(word[start..end]);
            tokens.AddRange(Enumerable.Repeat(")", closing));
        }
        return tokens;
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Words();

    private sealed record Always : PolicyCheck
    {
        public override bool Allows(Caller caller, Func<string, PolicyCheck?> rules, int depth) => true;
    }

    private sealed record Never : PolicyCheck
    {
        public override bool Allows(Caller caller, Func<string, PolicyCheck?> rules, int depth) => false;
    }

    private sealed record Role(string Name) : PolicyCheck
    {
        public override bool Allows(Caller caller, Func<string, PolicyCheck?> rules, int depth) => caller.HasRole(Name);
    }

    /// <summary>Another rule by name; an unknown rule or a loop denies (as oslo.policy does).</summary>
    private sealed record Rule(string Name) : PolicyCheck
    {
        public override bool Allows(Caller caller, Func<string, PolicyCheck?> rules, int depth) =>
            depth < 32 && rules(Name) is { } check && check.Allows(caller, rules, depth + 1);
    }

    private sealed record Credential(string Field, string Value) : PolicyCheck
    {
        public override bool Allows(Caller caller, Func<string, PolicyCheck?> rules, int depth)
        {
            if (Value.StartsWith("%(", StringComparison.Ordinal)) return false;
            var actual = Field switch
            {
                "user_id" => caller.UserId,
                "user_name" or "user" => caller.UserName,
                "project_id" or "tenant" or "tenant_id" => caller.ProjectId,
                "project_name" => caller.ProjectName,
                "domain_id" or "user_domain_id" => caller.DomainId,
                "is_admin" => caller.HasRole("admin") ? "True" : "False",
                _ => null,
            };
            return actual is not null && string.Equals(actual, Value, StringComparison.OrdinalIgnoreCase);
        }
    }

    private sealed record Not(PolicyCheck Inner) : PolicyCheck
    {
        public override bool Allows(Caller caller, Func<string, PolicyCheck?> rules, int depth) => !Inner.Allows(caller, rules, depth);
    }

    private sealed record And(PolicyCheck Left, PolicyCheck Right) : PolicyCheck
    {
        public override bool Allows(Caller caller, Func<string, PolicyCheck?> rules, int depth) =>
            Left.Allows(caller, rules, depth) && Right.Allows(caller, rules, depth);
    }

    private sealed record Or(PolicyCheck Left, PolicyCheck Right) : PolicyCheck
    {
        public override bool Allows(Caller caller, Func<string, PolicyCheck?> rules, int depth) =>
            Left.Allows(caller, rules, depth) || Right.Allows(caller, rules, depth);
    }
}
