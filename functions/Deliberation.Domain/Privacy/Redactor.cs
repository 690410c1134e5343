using System.Text.RegularExpressions;

namespace Deliberation.Domain.Privacy;

/// <summary>
/// Removes personal data from text before it is shown publicly or logged: phone, ID-card and bank-card numbers,
/// e-mail addresses, licence plates, house and room numbers (the village, estate or road stays) and personal names
/// that can be found (after cue words such as 我叫 or before 先生/女士, and names the caller knows, e.g. the reporter's).
/// ID numbers are recognised by their GB 11643 check digit and birth date and bank cards by Luhn, so ordinary long
/// numbers survive. Numbers are read in full-width (１３８…, as Chinese input methods type them) as well as half-width,
/// and split by spaces, dashes, dots or slashes the way people group them (138.0013.8000, 3101 0119 8001 0112 34).
/// </summary>
public static partial class Redactor
{
    public const string PhoneMask = "[电话]";
    public const string IdMask = "[身份证号]";
    public const string BankCardMask = "[银行卡号]";
    public const string EmailMask = "[邮箱]";
    public const string PlateMask = "[车牌]";
    public const string HouseNumberMask = "[门牌]";
    public const string NameMask = "[姓名]";

    public static string Redact(string? text) => Redact(text, null);

    /// <summary>
    /// Redacts <paramref name="text"/>; every occurrence of a <paramref name="knownNames"/> entry (e.g. the reporter's
    /// own name or user handle) is masked too. Names shorter than two characters are ignored: they would eat ordinary words.
    /// </summary>
    public static string Redact(string? text, IEnumerable<string>? knownNames)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? "";
        }

        // Order matters: known names and e-mails first (they may hold digits), then IDs and bank cards before phones
        // so a phone pattern never eats half of a longer number; addresses and cue-word names last. Numbers, plates
        // and house numbers are read with full-width characters folded to half-width.
        var result = knownNames is null ? text : RedactKnownNames(text, knownNames);
        result = Email().Replace(result, EmailMask);
        result = MaskFolded(result, IdCard18(), IdMask, id => IsValidIdCard18(id) && IsBirthDate(id.AsSpan(6, 8)));
        result = MaskFolded(result, IdCard15(), IdMask);
        result = MaskFolded(result, BankCard(), BankCardMask, IsBankCardNumber);
        result = MaskFolded(result, Mobile(), PhoneMask);
        result = MaskFolded(result, Landline(), PhoneMask);
        result = MaskFolded(result, Plate(), PlateMask);
        result = RedactHouseNumbers(result);
        result = RedactNames(result);
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

    /// <summary>
    /// A bank card: 13–19 digits (spaces and dashes ignored), Luhn-valid, and an issuer prefix card schemes use
    /// (3 Amex/JCB, 4 Visa, 5 Mastercard, 6 UnionPay/Discover, 9 domestic debit, 22–27 Mastercard 2-series), so
    /// case numbers and dates such as 2026… or +86 mobiles (86…) are never taken for cards.
    /// </summary>
    public static bool IsBankCardNumber(string number)
    {
        Span<int> digits = stackalloc int[19];
        var count = 0;
        foreach (var c in number)
        {
            if (char.IsAsciiDigit(c))
            {
                if (count == 19)
                {
                    return false;
                }

                digits[count++] = c - '0';
            }
            else if (c is not (' ' or '-'))
            {
                return false;
            }
        }

        if (count < 13 || !(digits[0] is 3 or 4 or 5 or 6 or 9 || (digits[0] == 2 && digits[1] is >= 2 and <= 7)))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < count; i++)
        {
            var d = digits[count - 1 - i];
            if (i % 2 == 1)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
        }

        return sum % 10 == 0;
    }

    /// <summary>
    /// Masks what <paramref name="pattern"/> finds and <paramref name="accept"/> (if given) takes, given the digits
    /// alone (separators dropped). The pattern runs on the text with full-width characters folded to half-width (one
    /// character for one, so positions carry over); what is replaced is the original. A candidate refused (a wrong
    /// check digit) is tried again one character on, so it never hides a number that starts inside it.
    /// </summary>
    private static string MaskFolded(string text, Regex pattern, string mask, Func<string, bool>? accept = null)
    {
        var folded = FoldWidth(text);
        System.Text.StringBuilder? sb = null;
        var copied = 0;
        var at = 0;
        while (at < folded.Length && pattern.Match(folded, at) is { Success: true } m)
        {
            if (accept is not null && !accept(DigitsOf(m.Value)))
            {
                at = m.Index + 1;
                continue;
            }

            sb ??= new System.Text.StringBuilder(text.Length);
            sb.Append(text, copied, m.Index - copied).Append(mask);
            copied = at = m.Index + m.Length;
        }

        return sb is null ? text : sb.Append(text, copied, text.Length - copied).ToString();
    }

    /// <summary>Full-width ASCII forms (０-９, Ｘ, －, ．, ／, （）) and the ideographic space as their half-width selves.</summary>
    private static string FoldWidth(string text)
    {
        if (!text.AsSpan().ContainsAnyInRange('\uFF01', '\uFF5E') && !text.Contains('\u3000', StringComparison.Ordinal))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
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
    }

    // The digits of a matched number (and an ID's final X), without its separators.
    private static string DigitsOf(string number) => string.Concat(number.Where(c => char.IsAsciiDigit(c) || c is 'X' or 'x'));

    // An ID's yyyyMMdd: a birth date a living resident can have.
    private static bool IsBirthDate(ReadOnlySpan<char> yyyyMMdd) =>
        int.TryParse(yyyyMMdd[..4], out var year) && year is >= 1900 and <= 2099
        && int.TryParse(yyyyMMdd[4..6], out var month) && month is >= 1 and <= 12
        && int.TryParse(yyyyMMdd[6..], out var day) && day >= 1 && day <= DateTime.DaysInMonth(year, month);

    private static string RedactKnownNames(string text, IEnumerable<string> knownNames)
    {
        foreach (var name in knownNames
                     .Select(n => n?.Trim() ?? "")
                     .Where(n => n.Length >= 2)
                     .Distinct(StringComparer.Ordinal)
                     .OrderByDescending(n => n.Length))
        {
            text = ReplaceWhole(text, name);
        }

        return text;
    }

    // Replaces every occurrence of name; a name starting or ending in a Latin letter or digit (a user handle such as
    // UU00812) must not be glued to another letter or digit, so UU00812 leaves UU008120 alone.
    private static string ReplaceWhole(string text, string name)
    {
        var index = text.IndexOf(name, StringComparison.Ordinal);
        if (index < 0)
        {
            return text;
        }

        var sb = new System.Text.StringBuilder(text.Length);
        var start = 0;
        while (index >= 0)
        {
            var end = index + name.Length;
            var glued = (IsAsciiLetterOrDigit(name[0]) && index > 0 && IsAsciiLetterOrDigit(text[index - 1]))
                        || (IsAsciiLetterOrDigit(name[^1]) && end < text.Length && IsAsciiLetterOrDigit(text[end]));
            if (!glued)
            {
                sb.Append(text, start, index - start).Append(NameMask);
                start = end;
            }

            index = text.IndexOf(name, glued ? index + 1 : end, StringComparison.Ordinal);
        }

        return sb.Append(text, start, text.Length - start).ToString();
    }

    private static bool IsAsciiLetterOrDigit(char c) => char.IsAsciiLetterOrDigit(c);

    [GeneratedRegex(@"(?<![A-Za-z0-9._%+\-])[A-Za-z0-9._%+\-]{1,64}@[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63})*\.[A-Za-z]{2,24}(?![A-Za-z0-9\-])")]
    private static partial Regex Email();

    // Between the groups of a number: a few spaces or dashes, or a dot or slash, maybe with spaces (138.0013.8000,
    // 138 - 0013 - 8000, 0735---3323506, 021/5712 3456). Full-width forms are folded before matching.
    private const string Sep = @"(?:[\s\-—–]{1,3}|\s?[./]\s?)";

    // 13–19 digits contiguous, in groups of four (6222 0212 3456 7890 123), or 6 + 13 (622202 1234567890123).
    [GeneratedRegex(@"(?<![0-9])(?:[0-9]{13,19}|[0-9]{4}(?:" + Sep + @"[0-9]{4}){2,3}(?:" + Sep + @"[0-9]{1,4})?|[0-9]{6}" + Sep + @"[0-9]{7,13})(?![0-9])")]
    private static partial Regex BankCard();

    // Province abbreviation + issuing-office letter + 5 (6 for new-energy) letters/digits holding a digit, or 4 and a
    // special suffix (学 learner, 警 police, 挂 trailer …); an optional dot or space after the office letter.
    [GeneratedRegex(@"[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-Za-z][·•.\s]?(?=[A-Za-z]{0,5}[0-9])(?:[A-Za-z0-9]{5,6}|[A-Za-z0-9]{4}[学警挂港澳领试超])(?![A-Za-z0-9])")]
    private static partial Regex Plate();

    // Mainland mobiles: 1[3-9] + 9 digits, optionally +86/86, with spaces or dashes anywhere between the digits, or
    // in the usual groups (3-4-4, 4-3-4, 3-8, 7-4) split by any separator: 138.0013.8000, 138/0013/8000.
    [GeneratedRegex(@"(?<![0-9])(?:\+?86[\s\-—–]?)?(?:1[3-9][0-9](?:[\s\-—–]{0,3}[0-9]){8}|1[3-9][0-9](?:" + Sep + @"[0-9]{4}){2}|1[3-9][0-9]{2}" + Sep + @"[0-9]{3}" + Sep + @"[0-9]{4}|1[3-9][0-9]" + Sep + @"[0-9]{8}|1[3-9][0-9]{5}" + Sep + @"[0-9]{4})(?![0-9])")]
    private static partial Regex Mobile();

    // Landlines: area code 0xx or 0xxx, bare or in brackets, a separator, then 7–8 digits, whole or as 3-4 / 4-4
    // (021-5712 3456, 0571-8888 8888, (021)57601234). Not the tail of a number in fours (6222 0212 3456 7890).
    [GeneratedRegex(@"(?<![0-9])(?<!(?<![0-9])[0-9]{4}[\s\-])(?:0[1-9][0-9]{1,2}|\(\s?0[1-9][0-9]{1,2}\s?\))(?:" + Sep + @")?[2-9][0-9]{2,3}(?:" + Sep + @")?[0-9]{4}(?![0-9])")]
    private static partial Regex Landline();

    // 18-digit IDs, whole or grouped any way (3101 0119 8001 0112 34, 310101 19800101 1234): the check digit and
    // birth date decide.
    [GeneratedRegex(@"(?<![0-9])[1-9](?:(?:" + Sep + @")?[0-9]){16}(?:" + Sep + @")?[0-9Xx](?![0-9])")]
    private static partial Regex IdCard18();

    // 15-digit IDs (issued before 1999): region(6) + yymmdd + sequence(3), whole or 6-6-3.
    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{5}(?:" + Sep + @")?[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])(?:" + Sep + @")?[0-9]{3}(?![0-9])")]
    private static partial Regex IdCard15();
}
