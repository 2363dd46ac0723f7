using Watcher.Modules.Shared.Errors;

namespace Watcher.Modules.Api.Audits;

/// <summary>
/// Syntax check of a 5-field Unix cron (minute hour day-of-month month day-of-week) with `*`, lists, ranges,
/// steps and month/day names. Upstream answered 500 for a bad cron (§19 item 1); we answer 400.
/// </summary>
public static class CronExpression
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly string[] Days = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

    private static readonly (string Name, int Min, int Max, string[]? Names, int NameBase)[] Fields =
    [
        ("minute", 0, 59, null, 0), ("hour", 0, 23, null, 0), ("day of month", 1, 31, null, 0),
        ("month", 1, 12, Months, 1), ("day of week", 0, 7, Days, 0),
    ];

    /// <summary>Integer seconds (positive) or a valid cron; anything else is 400 `Provided cron is invalid: ...`.</summary>
    public static void ValidateInterval(string interval)
    {
        if (long.TryParse(interval, out var seconds))
        {
            if (seconds <= 0) throw Invalid($"interval must be a positive number of seconds, got {interval}");
            return;
        }
        if (Error(interval) is { } error) throw Invalid(error);
    }

    /// <summary>Null when valid, else what is wrong.</summary>
    public static string? Error(string expression)
    {
        var parts = expression.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5) return $"Exactly 5 or 6 columns has to be specified for iterator expression, got {parts.Length} in '{expression}'";
        for (var i = 0; i < 5; i++)
        {
            var field = Fields[i];
            foreach (var item in parts[i].Split(','))
                if (!ItemIsValid(item, field.Min, field.Max, field.Names, field.NameBase))
                    return $"[{expression}] is not acceptable, {field.Name} field '{parts[i]}' is out of range or malformed";
        }
        return null;
    }

    private static bool ItemIsValid(string item, int min, int max, string[]? names, int nameBase)
    {
        if (item.Length == 0) return false;
        var slash = item.Split('/');
        if (slash.Length > 2) return false;
        if (slash.Length == 2 && (!int.TryParse(slash[1], out var step) || step <= 0 || step > max)) return false;
        var range = slash[0];
        if (range == "*") return true;
        var bounds = range.Split('-');
        if (bounds.Length > 2) return false;
        var values = new List<int>();
        foreach (var bound in bounds)
        {
            if (int.TryParse(bound, out var n) && bound.All(char.IsAsciiDigit)) values.Add(n);
            else if (names is not null && Array.IndexOf(names, bound.ToLowerInvariant()) is var idx and >= 0) values.Add(idx + nameBase);
            else return false;
        }
        if (values.Any(v => v < min || v > max)) return false;
        return values.Count == 1 || values[0] <= values[1];
    }

    private static InvalidRequestException Invalid(string message) => new($"Provided cron is invalid: {message}");
}
