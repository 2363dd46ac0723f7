using System.Globalization;

namespace Watcher.Tests.Shared.Scheduling;

/// <summary>
/// crontab(5) semantics written the plain way, to check translated expressions against: expand each field
/// to its set of values and walk minute by minute. When both day fields are restricted either one matches.
/// </summary>
internal static class UnixCronReference
{
    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static DateTime Next(string cron, DateTime afterUtc)
    {
        var f = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var minutes = Expand(f[0], 0, 59, null, 0);
        var hours = Expand(f[1], 0, 23, null, 0);
        var doms = Expand(f[2], 1, 31, null, 0);
        var months = Expand(f[3], 1, 12, Months, 1);
        var dows = Expand(f[4], 0, 7, Days, 0).Select(d => d % 7).ToHashSet();
        bool domRestricted = !f[2].StartsWith('*'), dowRestricted = !f[4].StartsWith('*');

        var t = new DateTime(afterUtc.Year, afterUtc.Month, afterUtc.Day, afterUtc.Hour, afterUtc.Minute, 0, DateTimeKind.Utc).AddMinutes(1);
        for (var i = 0; i < 60 * 24 * 366 * 5; i++, t = t.AddMinutes(1))
        {
            var domOk = doms.Contains(t.Day);
            var dowOk = dows.Contains((int)t.DayOfWeek);
            var dayOk = domRestricted && dowRestricted ? domOk || dowOk : domOk && dowOk;
            if (minutes.Contains(t.Minute) && hours.Contains(t.Hour) && months.Contains(t.Month) && dayOk) return t;
        }
        throw new InvalidOperationException("no fire time within 5 years");
    }

    private static HashSet<int> Expand(string field, int min, int max, string[]? names, int nameBase)
    {
        var set = new HashSet<int>();
        foreach (var element in field.Split(','))
        {
            var (range, step) = element.Split('/') is [var r, var s] ? (r, int.Parse(s, CultureInfo.InvariantCulture)) : (element, 1);
            int from, to;
            if (range == "*") (from, to) = (min, names == Days ? 6 : max);
            else if (range.Split('-') is [var a, var b]) (from, to) = (Value(a, names, nameBase), Value(b, names, nameBase));
            else (from, to) = (Value(range, names, nameBase), element.Contains('/') ? (names == Days ? 6 : max) : Value(range, names, nameBase));
            for (var v = from; v <= to; v += step) set.Add(v);
        }
        return set;
    }

    private static int Value(string token, string[]? names, int nameBase) =>
        int.TryParse(token, out var n) ? n : Array.IndexOf(names!, token.ToUpperInvariant()) + nameBase;
}
