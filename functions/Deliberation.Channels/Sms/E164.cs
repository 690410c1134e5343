namespace Deliberation.Channels.Sms;

/// <summary>Phone numbers as providers send them, normalised to E.164 (+ and 8 to 15 digits).</summary>
public static class E164
{
    /// <summary>A number that carries its country code, with or without + (Twilio, ACS: "15555555555"); "00" counts as +.</summary>
    public static string? FromInternational(string? raw)
    {
        if (Digits(raw) is not { } digits)
        {
            return null;
        }

        if (digits.StartsWith("00", StringComparison.Ordinal))
        {
            digits = digits[2..];
        }

        return digits.Length is >= 8 and <= 15 && digits[0] != '0' ? "+" + digits : null;
    }

    /// <summary>A mainland China number as Chinese gateways send it (Aliyun: "13811112222"); international forms pass through.</summary>
    public static string? FromChinaMainland(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || Digits(raw) is not { } digits)
        {
            return null;
        }

        if (raw.TrimStart().StartsWith('+') || digits.StartsWith("00", StringComparison.Ordinal))
        {
            return FromInternational(raw);
        }

        if (digits.Length == 11 && digits[0] == '1')
        {
            return "+86" + digits;
        }

        return digits.Length == 13 && digits.StartsWith("861", StringComparison.Ordinal) ? "+" + digits : null;
    }

    /// <summary>
    /// A mainland China mobile (11 digits, 1[3-9]…), with or without +86, 86 or 0086, as <c>+861…</c>; anything else,
    /// landlines and numbers abroad included, is null. For texts the town pays for on a stranger's say-so (objection
    /// codes): a number abroad may be a premium-rate one.
    /// </summary>
    public static string? MainlandMobile(string? raw)
    {
        if (Digits(raw) is not { } digits)
        {
            return null;
        }

        // With + or 00 a country code follows, and it must be China's; without, 86 may lead an eleven-digit mobile.
        var international = raw!.TrimStart().StartsWith('+') || digits.StartsWith("00", StringComparison.Ordinal);
        var country = digits.StartsWith("0086", StringComparison.Ordinal) ? 4 : digits.StartsWith("86", StringComparison.Ordinal) ? 2 : 0;
        if ((international && country == 0) || (country > 0 && digits.Length != 11 + country))
        {
            return null;
        }

        digits = digits[country..];
        return digits.Length == 11 && digits[0] == '1' && digits[1] is >= '3' and <= '9' ? "+86" + digits : null;
    }

    private static string? Digits(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var trimmed = raw.Trim();
        if (trimmed.StartsWith('+'))
        {
            trimmed = trimmed[1..];
        }

        if (trimmed.Length == 0 || trimmed.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '(' or ')' or '.')))
        {
            return null;
        }

        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }
}
