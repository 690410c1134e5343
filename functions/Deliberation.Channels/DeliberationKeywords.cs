using System.Text;
using System.Text.RegularExpressions;

namespace Deliberation.Channels;

/// <summary>A 附议 or 异议 message about one case.</summary>
public abstract record DeliberationKeyword(string CaseId);

/// <summary>附议: a resident supports the case.</summary>
public sealed record SupportKeyword(string CaseId) : DeliberationKeyword(CaseId);

/// <summary>异议: a resident objects to the case's published decision; a null <paramref name="Reason"/> means they gave none (ask for one).</summary>
public sealed record ObjectionKeyword(string CaseId, string? Reason) : DeliberationKeyword(CaseId);

/// <summary>
/// The deliberation keywords, the same on every channel: "附议 202611240001" (or FY202611240001) and
/// "异议 202611240001 理由" (or YY202611240001 理由). Like the other keywords the whole message must be one,
/// so "附议一下这个事情" (no case number) stays a suggestion. Full-width letters, digits and punctuation
/// count as their ASCII forms; the reason is kept exactly as the resident wrote it.
/// </summary>
public static partial class DeliberationKeywords
{
    private static readonly char[] Separators = [' ', '\u3000', ':', '：', '#', '＃', ',', '，', '、', ';', '；', '\t', '\r', '\n'];

    /// <summary>The keyword in <paramref name="text"/>, or null when it is not a 附议/异议 message.</summary>
    public static DeliberationKeyword? Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (SupportPattern().Match(trimmed) is { Success: true } support)
        {
            return new SupportKeyword(Fold(support.Groups["id"].Value));
        }

        if (ObjectionPattern().Match(trimmed) is { Success: true } objection)
        {
            // The reason as the resident wrote it, only the separator after the number taken off.
            var reason = objection.Groups["rest"].Value.TrimStart(Separators).Trim();
            return new ObjectionKeyword(Fold(objection.Groups["id"].Value), reason.Any(char.IsLetterOrDigit) ? reason : null);
        }

        return null;
    }

    private static string Fold(string digits) => digits.Normalize(NormalizationForm.FormKC);

    [GeneratedRegex(@"^(?:附议|[FＦfｆ][YＹyｙ])[\s:：#＃,，、]*(?<id>[0-9０-９]{6,20})[\s.。!！?？]*$", RegexOptions.CultureInvariant)]
    private static partial Regex SupportPattern();

    [GeneratedRegex(@"^(?:异议|[YＹyｙ][YＹyｙ])[\s:：#＃,，、]*(?<id>[0-9０-９]{6,20})(?![0-9０-９])(?<rest>.*)$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex ObjectionPattern();
}
