namespace Deliberation.Domain.Tests.Privacy;

/// <summary>Personal numbers made for tests: valid check digits, the groupings and widths people type.</summary>
internal static class TestNumbers
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    /// <summary>The 17 digits of an ID number with their GB 11643 check digit appended.</summary>
    public static string WithIdCheck(string first17)
    {
        var sum = first17.Select((c, i) => (c - '0') * IdWeights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>A card number's digits with the Luhn check digit appended.</summary>
    public static string WithLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 1 ? d : (d * 2) % 10 + (d * 2) / 10; // the check digit will sit at position 0
        }

        return digits + (char)('0' + (10 - sum % 10) % 10);
    }

    /// <summary>ASCII digits, letters and punctuation in their full-width forms, spaces as the ideographic space.</summary>
    public static string FullWidth(string text) =>
        string.Concat(text.Select(c => c == ' ' ? '\u3000' : c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c));

    /// <summary><paramref name="digits"/> cut into groups of <paramref name="sizes"/>, joined by <paramref name="separator"/>.</summary>
    public static string Group(string digits, int[] sizes, string separator)
    {
        var parts = new List<string>();
        var at = 0;
        foreach (var size in sizes)
        {
            parts.Add(digits.Substring(at, size));
            at += size;
        }

        return string.Join(separator, parts);
    }
}
