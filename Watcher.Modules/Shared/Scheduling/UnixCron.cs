using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// A continuous audit's 5-field Unix cron (upstream validates with croniter), read by Cronos — the parser
/// Hangfire itself uses — in UTC. Two Unix rules Cronos does not follow are kept here: non-Unix extensions
/// (L, W, #, ?) and backward ranges are refused, and when both day fields are restricted a day matching
/// either fires (crontab(5)); Cronos requires both, so such a cron is read as two expressions.
/// </summary>
public sealed partial class UnixCron
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
    private readonly CronExpression[] _expressions;

    private UnixCron(string text, CronExpression[] expressions)
    {
        Text = text;
        _expressions = expressions;
    }

    public string Text { get; }

    // One list element of Unix cron: "*", "a" or "a-b", each optionally "/step"; values are numbers or names.
    [GeneratedRegex(@"^(?:(?<all>\*)|(?<from>[0-9]+|[A-Za-z]{3})(?:-(?<to>[0-9]+|[A-Za-z]{3}))?)(?:/[0-9]+)?$")]
    private static partial Regex UnixElement();

    /// <exception cref="FormatException">"Provided cron is invalid: ..." when it is not 5-field Unix cron.</exception>
    public static UnixCron Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var trimmed = string.Join(' ', fields);
        try
        {
            if (fields.Length == 1 && fields[0].StartsWith('@'))
                return new UnixCron(trimmed, [CronExpression.Parse(trimmed, CronFormat.Standard)]);
            if (fields.Length != 5) throw Invalid(text, $"expected 5 fields, got {fields.Length}");
            for (var i = 0; i < 5; i++) CheckField(text, fields[i], i == 3 ? MonthNames : i == 4 ? DayNames : null);
            var bothDays = !fields[2].StartsWith('*') && !fields[4].StartsWith('*');
            CronExpression[] expressions = bothDays
                ? [Cron(fields, dayOfWeek: "*"), Cron(fields, dayOfMonth: "*")]
                : [CronExpression.Parse(trimmed, CronFormat.Standard)];
            return new UnixCron(trimmed, expressions);
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
    public DateTime? Next(DateTime afterUtc)
    {
        var from = DateTime.SpecifyKind(afterUtc, DateTimeKind.Utc);
        return _expressions.Select(e => e.GetNextOccurrence(from, TimeZoneInfo.Utc, inclusive: false))
            .Where(t => t is not null).Min();
    }

    private static CronExpression Cron(string[] f, string? dayOfMonth = null, string? dayOfWeek = null) =>
        CronExpression.Parse($"{f[0]} {f[1]} {dayOfMonth ?? f[2]} {f[3]} {dayOfWeek ?? f[4]}", CronFormat.Standard);

    private static void CheckField(string cron, string field, string[]? names)
    {
        foreach (var element in field.Split(','))
        {
            var m = UnixElement().Match(element);
            if (!m.Success) throw Invalid(cron, $"'{element}' is not Unix cron");
            if (m.Groups["to"].Success && Value(m.Groups["from"].Value, names) > Value(m.Groups["to"].Value, names))
                throw Invalid(cron, $"range '{element}' runs backwards");
        }
    }

    private static int Value(string token, string[]? names) =>
        int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n
        : names is null ? -1 : Array.IndexOf(names, token.ToUpperInvariant());

    private static FormatException Invalid(string cron, string why) => new($"Provided cron is invalid: {cron} ({why})");
}
