using System.Text.RegularExpressions;

namespace Deliberation.Domain.Privacy;

/// <summary>
/// Removes phone and ID-card numbers from text before it is shown publicly or logged.
/// ID numbers are recognised by their GB 11643 check digit, so ordinary long numbers survive.
/// </summary>
public static partial class Redactor
{
    public const string PhoneMask = "[电话]";
    public const string IdMask = "[身份证号]";

    public static string Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        var result = IdCard18().Replace(text, m => IsValidIdCard18(m.Value) ? IdMask : m.Value);
        result = IdCard15().Replace(result, IdMask);
        result = Mobile().Replace(result, PhoneMask);
        result = Landline().Replace(result, PhoneMask);
        return result;
    }

    /// <summary>A phone number shown to staff with its middle digits hidden: 138****5678.</summary>
    public static string MaskPhone(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        if (digits.Length == 13 && digits.StartsWith("861", StringComparison.Ordinal))
        {
            digits = digits[2..]; // +86 country code: show the mobile's own prefix, not "861"
        }

        return digits.Length < 7 ? "****" : $"{digits[..3]}****{digits[^4..]}";
    }

    /// <summary>GB 11643-1999: weights 2^(17-i) mod 11 over the first 17 digits, check code "10X98765432".</summary>
    public static bool IsValidIdCard18(string id)
    {
        if (id.Length != 18)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return false;
            }

            sum += (id[i] - '0') * ((1 << (17 - i)) % 11);
        }

        return char.ToUpperInvariant(id[17]) == "10X98765432"[sum % 11];
    }

    // Mainland mobiles: 1[3-9] + 9 digits, optionally +86/86 and spaces or dashes between groups.
    [GeneratedRegex(@"(?<![0-9])(?:\+?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]){8}(?![0-9])")]
    private static partial Regex Mobile();

    // Landlines: area code 0xx or 0xxx, bare or in (half- or full-width) brackets, then 7–8 digits.
    [GeneratedRegex(@"(?<![0-9])(?:0[1-9][0-9]{1,2}|[(（]0[1-9][0-9]{1,2}[)）])[\s-]?[2-9][0-9]{6,7}(?![0-9])")]
    private static partial Regex Landline();

    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")]
    private static partial Regex IdCard18();

    // 15-digit IDs (issued before 1999): region(6) + yymmdd + sequence(3).
    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{5}[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}(?![0-9])")]
    private static partial Regex IdCard15();
}
