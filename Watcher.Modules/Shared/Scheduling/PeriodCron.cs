using System.Globalization;

namespace Watcher.Modules.Shared.Scheduling;

/// <summary>
/// Watcher's periodic options are seconds (upstream's style); Hangfire's recurring jobs take cron with an
/// optional seconds field. Every period that divides a minute, an hour or a day has an exact cron; any other
/// period is run at the largest such divisor below it (so the work is never done less often than asked).
/// </summary>
public static class PeriodCron
{
    private static readonly int[] Divisors = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];
    private static readonly int[] HourDivisors = [1, 2, 3, 4, 6, 8, 12];

    public static string FromSeconds(int seconds)
    {
        var s = Math.Max(1, seconds);
        if (s < 60) return $"*/{Floor(Divisors, s)} * * * * *";
        if (s < 3600) return $"0 */{Floor(Divisors, s / 60)} * * * *";
        if (s < 86400) return $"0 0 */{Floor(HourDivisors, s / 3600)} * * *";
        return "0 0 0 * * *";
    }

    /// <summary>The period the cron of <see cref="FromSeconds"/> really has.</summary>
    public static int EffectiveSeconds(int seconds)
    {
        var parts = FromSeconds(seconds).Split(' ');
        int Step(string field) => int.Parse(field[2..], CultureInfo.InvariantCulture);
        if (parts[0].StartsWith("*/", StringComparison.Ordinal)) return Step(parts[0]);
        if (parts[1].StartsWith("*/", StringComparison.Ordinal)) return Step(parts[1]) * 60;
        if (parts[2].StartsWith("*/", StringComparison.Ordinal)) return Step(parts[2]) * 3600;
        return 86400;
    }

    private static int Floor(int[] divisors, int value) => divisors.Last(d => d <= value);
}
