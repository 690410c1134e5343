using System.Text;
using System.Text.RegularExpressions;
using Deliberation.Domain.Workflow;

namespace Deliberation.Channels.Sms;

/// <summary>What a resident's text asks for.</summary>
public abstract record SmsCommand
{
    /// <summary>查询 / CX, optionally followed by a case number.</summary>
    public sealed record StatusQuery(string? CaseId) : SmsCommand;

    /// <summary>1 满意 / 2 基本满意 / 3 不满意, in answer to the survey text.</summary>
    public sealed record Rating(Satisfaction Score) : SmsCommand;

    /// <summary>退订 / TD: no more non-essential texts.</summary>
    public sealed record OptOut : SmsCommand;

    /// <summary>订阅 / DY: progress texts again.</summary>
    public sealed record OptIn : SmsCommand;

    /// <summary>附议 / FY and a case number: the resident supports that case.</summary>
    public sealed record Support(string CaseId) : SmsCommand;

    /// <summary>异议 / YY, a case number and a reason (null when none was given): an objection to the case's published decision.</summary>
    public sealed record Objection(string CaseId, string? Reason) : SmsCommand;

    /// <summary>Anything else with words in it is a suggestion.</summary>
    public sealed record Suggestion(string Text) : SmsCommand;

    public sealed record Empty : SmsCommand;
}

/// <summary>
/// Reads the keywords residents text. A keyword must be the whole message (trailing punctuation aside),
/// so "查询一下路灯为什么不亮" stays a suggestion; 附议 and 异议 need a case number (see <see cref="DeliberationKeywords"/>). Full-width letters and digits count as their ASCII forms.
/// </summary>
public static partial class SmsKeywords
{
    public static SmsCommand Parse(string? text)
    {
        var original = text?.Trim() ?? "";
        if (original.Length == 0)
        {
            return new SmsCommand.Empty();
        }

        var folded = original.Normalize(NormalizationForm.FormKC).Trim().TrimEnd('.', '。', '!', '！', '?', '？', ' ').ToUpperInvariant();
        if (folded is "退订" or "TD")
        {
            return new SmsCommand.OptOut();
        }

        if (folded is "订阅" or "DY")
        {
            return new SmsCommand.OptIn();
        }

        if (Status().Match(folded) is { Success: true } status)
        {
            return new SmsCommand.StatusQuery(status.Groups["id"].Success ? status.Groups["id"].Value : null);
        }

        if (Rating().Match(folded) is { Success: true } rating)
        {
            var score = rating.Groups["digit"].Success
                ? (Satisfaction)(rating.Groups["digit"].Value[0] - '0')
                : rating.Groups["word"].Value switch
                {
                    "满意" => Satisfaction.Satisfied,
                    "基本满意" => Satisfaction.BasicallySatisfied,
                    _ => Satisfaction.Dissatisfied,
                };
            return new SmsCommand.Rating(score);
        }

        return DeliberationKeywords.Parse(original) switch
        {
            SupportKeyword support => new SmsCommand.Support(support.CaseId),
            ObjectionKeyword objection => new SmsCommand.Objection(objection.CaseId, objection.Reason),
            _ => new SmsCommand.Suggestion(original),
        };
    }

    [GeneratedRegex(@"^(查询|CX)\s*[:#]?\s*(?<id>\d{6,20})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Status();

    [GeneratedRegex(@"^((?<digit>[123])\s*(满意|基本满意|不满意)?|(?<word>满意|基本满意|不满意))$", RegexOptions.CultureInvariant)]
    private static partial Regex Rating();
}
