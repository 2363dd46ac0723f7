using System.Text.RegularExpressions;
using Cronos;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// A continuous audit's 5-field Unix cron (upstream validates with croniter), read by Cronos — the parser
/// Hangfire itself uses — in UTC. Cronos also knows Quartz extensions (L, W, #, ?); Unix cron does not, so
/// they are refused here and the API accepts exactly what upstream's users write.
/// </summary>
public sealed partial class UnixCron
{
    private readonly CronExpression _expression;

    private UnixCron(string text, CronExpression expression)
    {
        Text = text;
        _expression = expression;
    }

    public string Text { get; }

    // One list element of Unix cron: "*", "a" or "a-b", each optionally "/step"; values are numbers or names.
    [GeneratedRegex(@"^(\*|[0-9]+|[A-Za-z]{3})(-([0-9]+|[A-Za-z]{3}))?(/[0-9]+)?$")]
    private static partial Regex UnixElement();

    private static bool IsUnixSyntax(string[] fields) =>
        fields.All(f => f.Split(',').All(e => UnixElement().IsMatch(e)));

    /// <exception cref="FormatException">"Provided cron is invalid: ..." when it is not 5-field Unix cron.</exception>
    public static UnixCron Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var trimmed = string.Join(' ', fields);
        var macro = fields.Length == 1 && fields[0].StartsWith('@');
        if (!macro && fields.Length != 5) throw Invalid(text, $"expected 5 fields, got {fields.Length}");
        if (!macro && !IsUnixSyntax(fields)) throw Invalid(text, "not Unix cron syntax");
        try
        {
            return new UnixCron(trimmed, CronExpression.Parse(trimmed, CronFormat.Standard));
        }
        catch (CronFormatException e)
        {
            throw Invalid(text, e.Message);
        }
    }

    public static bool TryParse(string text, out UnixCron? cron)
    {
        try
        {
            cron = Parse(text);
            return true;
        }
        catch (FormatException)
        {
            cron = null;
            return false;
        }
    }

    /// <summary>The first fire time strictly after <paramref name="afterUtc"/> (UTC), or null when there is none.</summary>
    public DateTime? Next(DateTime afterUtc) =>
        _expression.GetNextOccurrence(DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc), TimeZoneInfo.Utc, inclusive: false);

    private static FormatException Invalid(string cron, string why) => new($"Provided cron is invalid: {cron} ({why})");
}
