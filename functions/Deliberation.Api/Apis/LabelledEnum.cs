namespace Deliberation.Api.Apis;

/// <summary>Reads an enum value given by its English name (any case) or, where it has one, its Chinese label.</summary>
internal static class LabelledEnum
{
    /// <param name="candidates">The values the field may take (a step recorded by the vote is not among them).</param>
    /// <param name="chinese">The Chinese label of a value, e.g. <c>村民代表会议</c>; null when only names are accepted.</param>
    public static bool TryParse<T>(string? value, IEnumerable<T> candidates, Func<T, string>? chinese, out T result)
        where T : struct, Enum
    {
        foreach (var candidate in candidates)
        {
            if (string.Equals(value, candidate.ToString(), StringComparison.OrdinalIgnoreCase) || (chinese is not null && value == chinese(candidate)))
            {
                result = candidate;
                return true;
            }
        }

        result = default;
        return false;
    }
}
