using System.Text.RegularExpressions;
using Deliberation.Domain.Workflow;

namespace Deliberation.Channels.WeChat;

/// <summary>What a resident's text asks for.</summary>
public abstract record ResidentCommand;

/// <summary>查询 / CX, optionally with a case number.</summary>
public sealed record StatusQuery(string? CaseId) : ResidentCommand;

/// <summary>"1", "2" or "3" alone: the answer to the satisfaction survey.</summary>
public sealed record RatingAnswer(Satisfaction Score) : ResidentCommand;

/// <summary>附议 / FY and a case number.</summary>
public sealed record SupportRequest(string CaseId) : ResidentCommand;

/// <summary>异议 / YY, a case number and a reason (null when none was given).</summary>
public sealed record ObjectionRequest(string CaseId, string? Reason) : ResidentCommand;

/// <summary>Anything else is a suggestion.</summary>
public sealed record Suggestion(string Text) : ResidentCommand;

/// <summary>The official account's menu (自定义菜单) keys, as configured in the account's menu.</summary>
public static class WeChatMenu
{
    public const string Submit = "SUBMIT";
    public const string MyCases = "MY_CASES";
    public const string Rate = "RATE";
}

public static partial class WeChatCommands
{
    public static ResidentCommand Parse(string text)
    {
        var trimmed = text.Trim();
        if (StatusPattern().Match(trimmed) is { Success: true } status)
        {
            return new StatusQuery(status.Groups["id"].Success ? status.Groups["id"].Value : null);
        }

        return trimmed switch
        {
            "1" => new RatingAnswer(Satisfaction.Satisfied),
            "2" => new RatingAnswer(Satisfaction.BasicallySatisfied),
            "3" => new RatingAnswer(Satisfaction.Dissatisfied),
            _ => DeliberationKeywords.Parse(trimmed) switch
            {
                SupportKeyword support => new SupportRequest(support.CaseId),
                ObjectionKeyword objection => new ObjectionRequest(objection.CaseId, objection.Reason),
                _ => new Suggestion(trimmed),
            },
        };
    }

    [GeneratedRegex(@"^(?:查询|CX)\s*(?<id>\d{6,20})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();
}
