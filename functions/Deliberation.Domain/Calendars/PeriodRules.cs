namespace Deliberation.Domain.Calendars;

/// <summary>Shared checks so the calendar and the file loader reject the same bad hours with the same words.</summary>
internal static class PeriodRules
{
    /// <summary>Returns a description of the first problem (inverted or overlapping periods), or null.</summary>
    public static string? FindProblem(IEnumerable<WorkingPeriod> periods)
    {
        var list = periods.ToList();
        foreach (var p in list)
        {
            if (p.Start >= p.End)
            {
                return $"period {p} must start before it ends";
            }
        }

        var sorted = list.OrderBy(p => p.Start).ToList();
        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].Start < sorted[i - 1].End)
            {
                return $"periods {sorted[i - 1]} and {sorted[i]} overlap";
            }
        }

        return null;
    }

    /// <summary>Sorts and joins touching periods (13:00–17:00 + 17:00–20:00 → 13:00–20:00).</summary>
    public static WorkingPeriod[] Merge(IEnumerable<WorkingPeriod> periods)
    {
        var merged = new List<WorkingPeriod>();
        foreach (var p in periods.OrderBy(p => p.Start))
        {
            if (merged.Count > 0 && p.Start <= merged[^1].End)
            {
                var last = merged[^1];
                merged[^1] = last with { End = p.End > last.End ? p.End : last.End };
            }
            else
            {
                merged.Add(p);
            }
        }

        return [.. merged];
    }
}
