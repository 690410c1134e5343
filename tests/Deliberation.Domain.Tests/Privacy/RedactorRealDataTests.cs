using System.Text.RegularExpressions;
using Deliberation.Domain.Privacy;

namespace Deliberation.Domain.Tests.Privacy;

/// <summary>
/// The redactor over real resident messages and official replies (TeddyCup 2020 C, ../shared/data): nothing that a
/// strict, independent detector takes for a phone, an ID, a bank card or an e-mail survives, the reporter's handle is
/// gone from their own thread, and the text stays readable.
/// </summary>
public sealed partial class RedactorRealDataTests
{
    private const string RepliesFile = "teddycup2020c/replies_raw.csv";
    private static readonly string[] TextColumns = ["title", "detail", "reply"];
    private static readonly string[] Masks =
    [
        Redactor.PhoneMask, Redactor.IdMask, Redactor.BankCardMask, Redactor.EmailMask,
        Redactor.PlateMask, Redactor.HouseNumberMask, Redactor.NameMask,
    ];

    private static readonly Lazy<IReadOnlyList<IReadOnlyDictionary<string, string>>> Replies =
        new(() => CsvFile.ReadRecords(SharedData.Path(RepliesFile)));

    [RequiresSharedDataFact(RepliesFile)]
    public void RepliesCsv_ParsesEveryRowWithAllColumns()
    {
        Assert.True(Replies.Value.Count > 2000, $"only {Replies.Value.Count} rows");
        Assert.All(Replies.Value, r => Assert.Equal(7, r.Count));
        Assert.Contains(Replies.Value, r => r["detail"].Contains(',', StringComparison.Ordinal)); // quoted commas
        Assert.Contains(Replies.Value, r => r["detail"].Contains('"', StringComparison.Ordinal)); // doubled quotes
    }

    [RequiresSharedDataFact(RepliesFile)]
    public void RealMessages_AfterRedaction_HoldNoPhoneIdCardOrEmail()
    {
        var leaks = (
            from row in Replies.Value
            from column in TextColumns
            let redacted = Redactor.Redact(row[column], [row["user"]])
            from leak in Leaks(redacted)
            select $"{row["message_id"]}.{column}: {leak}").ToList();

        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks, e.g. {string.Join("; ", leaks.Take(10))}");
    }

    [RequiresSharedDataFact(RepliesFile)]
    public void RealMessages_AfterRedaction_KeepAlmostAllTheirText()
    {
        // Measured on the 2 816 threads: 98.6 % of the characters of an average thread survive (the lowest, a
        // short message with a full address and name, keeps 82 %). The bar leaves a little room, no more.
        var survival = Replies.Value.Select(row =>
        {
            var original = TextColumns.Sum(c => row[c].Length);
            var redacted = string.Concat(TextColumns.Select(c => Redactor.Redact(row[c], [row["user"]])));
            var kept = redacted.Length - Masks.Sum(m => CountOf(redacted, m) * m.Length);
            return original == 0 ? 1.0 : (double)kept / original;
        }).ToList();

        Assert.True(survival.Average() >= 0.97, $"average survival {survival.Average():P1}");
        Assert.True(survival.Min() >= 0.75, $"lowest survival {survival.Min():P1}");
    }

    [RequiresSharedDataFact(RepliesFile)]
    public void RealMessages_ReportersOwnHandle_IsRemovedByKnownNames()
    {
        var threadsNamingTheReporter = Replies.Value
            .Where(r => TextColumns.Any(c => r[c].Contains(r["user"], StringComparison.Ordinal)))
            .ToList();

        Assert.True(threadsNamingTheReporter.Count > 1000, $"only {threadsNamingTheReporter.Count} replies address the reporter");
        Assert.All(threadsNamingTheReporter, row => Assert.All(TextColumns, column =>
        {
            var redacted = Redactor.Redact(row[column], [row["user"]]);
            Assert.False(HandleOf(row["user"]).IsMatch(redacted), $"{row["message_id"]}.{column} still names {row["user"]}");
        }));
    }

    /// <summary>An independent, strict detector: what a reviewer would flag as personal data left in the text.</summary>
    private static IEnumerable<string> Leaks(string text)
    {
        foreach (Match m in StrictMobile().Matches(text))
        {
            yield return $"mobile {m.Value}";
        }

        foreach (Match m in StrictLandline().Matches(text))
        {
            yield return $"landline {m.Value}";
        }

        foreach (Match m in StrictEmail().Matches(text))
        {
            yield return $"e-mail {m.Value}";
        }

        foreach (Match m in DigitRun().Matches(text))
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            if (digits.Length == 18 && Gb11643Valid(digits))
            {
                yield return $"ID {m.Value}";
            }
            else if (digits.Length is >= 13 and <= 19 && digits[0] != '0' && LuhnValid(digits)) // no card starts with 0 (0000-00000000 placeholders)
            {
                yield return $"card {m.Value}";
            }
        }
    }

    private static bool Gb11643Valid(string id)
    {
        var weights = new[] { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * weights[i];
        }

        return char.ToUpperInvariant(id[17]) == "10X98765432"[sum % 11];
    }

    private static bool LuhnValid(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            sum += i % 2 == 0 ? d : (d * 2) % 10 + (d * 2) / 10;
        }

        return sum % 10 == 0;
    }

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    private static Regex HandleOf(string user) => new($@"(?<![A-Za-z0-9]){Regex.Escape(user)}(?![A-Za-z0-9])");

    [GeneratedRegex(@"(?<!\d)(?:\+?86[\s\-－—–]*)?1[3-9]\d(?:[\s\-－—–]*\d){8}(?!\d)")]
    private static partial Regex StrictMobile();

    [GeneratedRegex(@"(?<!\d)(?:0[1-9]\d{1,2}|[(（]0[1-9]\d{1,2}[)）])[\s\-－—–]*[2-9]\d{6,7}(?!\d)")]
    private static partial Regex StrictLandline();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}")]
    private static partial Regex StrictEmail();

    // Digits with single spaces or dashes between them; the caller counts the digits.
    [GeneratedRegex(@"(?<![\dXx])\d(?:[ \-]?\d){12,18}[\dXx]?(?![\dXx])")]
    private static partial Regex DigitRun();
}
