using System.Globalization;
using System.Text.RegularExpressions;
using Quartz;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// Watcher's audit intervals are 5-field Unix cron (upstream validates them with croniter); Quartz wants a
/// seconds field first and a '?' in one of the day fields, and numbers Sunday 1 instead of 0/7. This turns the
/// one into the other, keeping ranges, lists and steps readable: "0 2 * * 1-5" becomes "0 0 2 ? * 2-6".
/// </summary>
public static partial class CronTranslator
{
    private static readonly Dictionary<string, string> Macros = new(StringComparer.OrdinalIgnoreCase)
    {
        ["@yearly"] = "0 0 1 1 *", ["@annually"] = "0 0 1 1 *", ["@monthly"] = "0 0 1 * *",
        ["@weekly"] = "0 0 * * 0", ["@daily"] = "0 0 * * *", ["@midnight"] = "0 0 * * *", ["@hourly"] = "0 * * * *",
    };

    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    // One list element: "*", "a", "a-b", each optionally "/step"; values are numbers or 3-letter names.
    [GeneratedRegex(@"^(?:(?<all>\*)|(?<from>[0-9]+|[A-Za-z]{3})(?:-(?<to>[0-9]+|[A-Za-z]{3}))?)(?:/(?<step>[0-9]{1,4}))?$")]
    private static partial Regex ElementPattern();

    /// <summary>Translates a 5-field Unix cron (or an @macro) into a Quartz cron expression.</summary>
    /// <exception cref="FormatException">"Provided cron is invalid: ..." when it is not valid Unix cron.</exception>
    public static string ToQuartz(string unixCron)
    {
        ArgumentNullException.ThrowIfNull(unixCron);
        var text = unixCron.Trim();
        if (Macros.TryGetValue(text, out var expanded)) text = expanded;
        var fields = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5) throw Invalid(unixCron, $"expected 5 fields, got {fields.Length}");

        var minute = Field(unixCron, fields[0], "minute", 0, 59, null);
        var hour = Field(unixCron, fields[1], "hour", 0, 23, null);
        var dayOfMonth = Field(unixCron, fields[2], "day-of-month", 1, 31, null);
        var month = Field(unixCron, fields[3], "month", 1, 12, MonthNames);
        var dayOfWeek = DayOfWeek(unixCron, fields[4]);

        // Quartz needs '?' in one day field. When both name days, Unix fires on either; this Quartz version
        // reads two restricted day fields the same way (union), so both are kept.
        if (dayOfWeek == "*") dayOfWeek = "?";
        else if (dayOfMonth == "*") dayOfMonth = "?";

        var quartz = $"0 {minute} {hour} {dayOfMonth} {month} {dayOfWeek}";
        if (!CronExpression.TryParse(quartz, out _)) throw Invalid(unixCron, $"Quartz rejects '{quartz}'");
        return quartz;
    }

    public static bool TryToQuartz(string unixCron, out string quartz)
    {
        try
        {
            quartz = ToQuartz(unixCron);
            return true;
        }
        catch (FormatException)
        {
            quartz = "";
            return false;
        }
    }

    private static string Field(string cron, string field, string name, int min, int max, string[]? names)
    {
        foreach (var element in field.Split(','))
        {
            var m = ElementPattern().Match(element);
            if (!m.Success) throw Invalid(cron, $"bad {name} field '{field}'");
            if (m.Groups["all"].Success) { CheckStep(cron, m, name); continue; }
            var from = Value(cron, m.Groups["from"].Value, name, min, max, names);
            if (m.Groups["to"].Success && Value(cron, m.Groups["to"].Value, name, min, max, names) < from)
                throw Invalid(cron, $"{name} range '{element}' runs backwards");
            CheckStep(cron, m, name);
        }
        return names is null ? field : field.ToUpperInvariant();
    }

    /// <summary>Unix 0-7 (0 and 7 = Sunday) to Quartz 1-7 (1 = Sunday), element by element.</summary>
    private static string DayOfWeek(string cron, string field)
    {
        var parts = new List<string>();
        foreach (var element in field.Split(','))
        {
            var m = ElementPattern().Match(element);
            if (!m.Success) throw Invalid(cron, $"bad day-of-week field '{field}'");
            CheckStep(cron, m, "day-of-week");
            var step = m.Groups["step"].Success ? "/" + m.Groups["step"].Value : "";
            if (m.Groups["all"].Success) { parts.Add("*" + step); continue; }   // both count from Sunday

            var from = Value(cron, m.Groups["from"].Value, "day-of-week", 0, 7, DayNames);
            if (!m.Groups["to"].Success)
            {
                // "a/n" runs from a to Saturday in both dialects.
                parts.Add(step.Length > 0 ? $"{from % 7 + 1}{step}" : (from % 7 + 1).ToString(CultureInfo.InvariantCulture));
                continue;
            }
            var to = Value(cron, m.Groups["to"].Value, "day-of-week", 0, 7, DayNames);
            if (to < from) throw Invalid(cron, $"day-of-week range '{element}' runs backwards");
            if (to < 7) { parts.Add($"{from + 1}-{to + 1}{step}"); continue; }
            // A range ending on Sunday-as-7 has no Quartz spelling: list its days instead.
            var stepSize = m.Groups["step"].Success ? int.Parse(m.Groups["step"].Value, CultureInfo.InvariantCulture) : 1;
            for (var d = from; d <= to; d += stepSize) parts.Add((d % 7 + 1).ToString(CultureInfo.InvariantCulture));
        }
        return string.Join(',', parts.Distinct());
    }

    private static int Value(string cron, string token, string name, int min, int max, string[]? names)
    {
        if (int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            if (n < min || n > max) throw Invalid(cron, $"{name} value {n} is outside {min}-{max}");
            return n;
        }
        var index = names is null ? -1 : Array.IndexOf(names, token.ToUpperInvariant());
        if (index < 0) throw Invalid(cron, $"unknown {name} value '{token}'");
        return names == MonthNames ? index + 1 : index;
    }

    private static void CheckStep(string cron, Match m, string name)
    {
        if (m.Groups["step"].Success && int.Parse(m.Groups["step"].Value, CultureInfo.InvariantCulture) == 0)
            throw Invalid(cron, $"{name} step must be positive");
    }

    private static FormatException Invalid(string cron, string why) => new($"Provided cron is invalid: {cron} ({why})");
}
