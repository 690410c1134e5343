using System.Text.RegularExpressions;

namespace Deliberation.Domain.Tests.Privacy;

/// <summary>
/// An independent check of redacted text, written apart from the redactor and sharing none of its code: what a
/// reviewer would flag as a phone, ID-card or bank-card number left in a published text. It folds full-width
/// characters (as Chinese input methods type them) to half-width, splits every run of digits joined by
/// separators (spaces, dashes, dots, slashes, brackets) into its groups, and tries every window of up to five
/// consecutive groups as one number, separators stripped:
/// <list type="bullet">
/// <item>a mobile: 11 digits 1[3-9]…, written whole or grouped as people write them (3-4-4, 4-3-4, 3-8, 7-4);</item>
/// <item>a landline: an area code 0xx or 0xxx, then 7–8 digits (whole, or 3-4 / 4-4), or all of it in one run;</item>
/// <item>an 18-digit ID (the last may be X) with a valid GB 11643 check digit and birth date, in any grouping;</item>
/// <item>a 15-digit ID (pre-1999) with a valid birth date, whole or 6-6-3 / 6-9;</item>
/// <item>a bank card: 16–19 digits, Luhn-valid, a card-scheme prefix (Visa, Mastercard, JCB, UnionPay, Discover,
///   domestic 9…), whole, in fours or 6 + the rest.</item>
/// </list>
/// The groupings are how people write these numbers; any other shape of number lists (scores, room numbers, years
/// listed one after the other) is not read as one number.
/// </summary>
internal static partial class PersonalNumberDetector
{
    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

    private static readonly int[][] MobileShapes = [[11], [3, 4, 4], [3, 8], [4, 3, 4], [7, 4]];

    /// <summary>Every personal number found in <paramref name="text"/>, as "kind: the text as written".</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        var folded = Fold(text);
        var found = new List<string>();
        foreach (Match run in DigitRun().Matches(folded))
        {
            var groups = DigitGroup().Matches(run.Value).ToList();
            for (var start = 0; start < groups.Count; start++)
            {
                for (var end = start + 1; end <= Math.Min(groups.Count, start + 5); end++)
                {
                    var window = groups.GetRange(start, end - start).Select(g => g.Value).ToList();
                    if (window.Take(window.Count - 1).Any(g => char.IsAsciiLetter(g[^1])))
                    {
                        break; // an X ends an ID: nothing follows it inside one number
                    }

                    if (Kind(window) is { } kind)
                    {
                        var from = run.Index + groups[start].Index;
                        var to = run.Index + groups[end - 1].Index + groups[end - 1].Length;
                        found.Add($"{kind}: {text[from..to]}");
                    }
                }
            }
        }

        return found.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Full-width ASCII (０-９, Ｘ, －, ．, ／, （ …) and the ideographic space to their half-width forms.</summary>
    public static string Fold(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c switch
                {
                    >= '\uFF01' and <= '\uFF5E' => (char)(c - 0xFEE0),
                    '\u3000' => ' ',
                    _ => c,
                };
            }
        });

    private static string? Kind(List<string> window)
    {
        var digits = string.Concat(window);
        var shape = window.Select(g => g.Length).ToArray();
        if (MobileShapes.Any(s => s.SequenceEqual(shape)) && digits[0] == '1' && digits[1] is >= '3' and <= '9' && AllDigits(digits))
        {
            return "mobile";
        }

        if (IsLandline(window))
        {
            return "landline";
        }

        if (digits.Length == 18 && IsId18(digits))
        {
            return "ID";
        }

        if (digits.Length == 15 && (shape is [15] or [6, 6, 3] or [6, 9]) && IsId15(digits))
        {
            return "ID (15)";
        }

        if (digits.Length is >= 16 and <= 19 && IsCardShape(shape) && AllDigits(digits) && HasCardPrefix(digits) && Luhn(digits))
        {
            return "card";
        }

        return null;
    }

    private static bool IsLandline(List<string> window)
    {
        if (!window.All(AllDigits))
        {
            return false;
        }

        if (window.Count == 1)
        {
            return window[0].Length is 11 or 12 && window[0][0] == '0' && window[0][1] != '0';
        }

        var area = window[0];
        var number = window.Skip(1).ToList();
        var local = string.Concat(number);
        return area.Length is 3 or 4 && area[0] == '0' && area[1] != '0'
               && local.Length is 7 or 8 && local[0] is >= '2' and <= '9'
               && (number.Count == 1 || (number.Count == 2 && number[0].Length is 3 or 4 && number[1].Length == 4));
    }

    private static bool IsId18(string id)
    {
        if (id[0] == '0' || !AllDigits(id[..17]))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * IdWeights[i];
        }

        return char.ToUpperInvariant(id[17]) == "10X98765432"[sum % 11]
               && int.Parse(id[6..10]) is >= 1900 and <= 2030
               && IsMonthDay(id[10..14]);
    }

    private static bool IsId15(string id) => id[0] != '0' && AllDigits(id) && IsMonthDay(id[8..12]);

    private static bool IsMonthDay(string mmdd) =>
        int.Parse(mmdd[..2]) is >= 1 and <= 12 && int.Parse(mmdd[2..]) is >= 1 and <= 31;

    // Whole, in fours (the last group 1–4), or 6 + the rest: how banks print and people copy card numbers.
    private static bool IsCardShape(int[] shape) =>
        shape.Length == 1
        || (shape.Length == 2 && shape[0] == 6)
        || (shape.Length >= 4 && shape[..^1].All(n => n == 4) && shape[^1] is >= 1 and <= 4);

    // ISO/IEC 7812 issuers that card holders carry: Visa 4, Mastercard 51–55 and 2221–2720, JCB 35, UnionPay 62,
    // Discover 60/64/65, and the domestic 9… cards of Chinese banks.
    private static bool HasCardPrefix(string digits) =>
        digits[0] is '4' or '9'
        || digits[..2] is "51" or "52" or "53" or "54" or "55" or "35" or "62" or "60" or "64" or "65"
        || int.Parse(digits[..4]) is >= 2221 and <= 2720;

    private static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? d : (d * 2) % 10 + (d * 2) / 10;
        }

        return sum % 10 == 0;
    }

    private static bool AllDigits(string s) => s.All(char.IsAsciiDigit);

    // Digit groups (an ID's last group may end in X) joined by 1–3 separator characters.
    [GeneratedRegex(@"(?<![0-9])[0-9]+[Xx]?(?:[ \t\u00A0\-\u2013\u2014./()]{1,3}[0-9]+[Xx]?)*")]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"[0-9]+[Xx]?")]
    private static partial Regex DigitGroup();
}
