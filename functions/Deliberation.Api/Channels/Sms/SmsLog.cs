namespace Deliberation.Api.Channels.Sms;

/// <summary>What the SMS and hotline webhooks log: provider, outcome, ids we assigned. Never a number or a text.</summary>
internal static partial class SmsLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} webhook refused: {Reason}")]
    public static partial void Refused(ILogger logger, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} webhook: unusable message ({Reason}); answered politely")]
    public static partial void Unusable(ILogger logger, string provider, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Provider} webhook: sender over the rate limit; nothing created")]
    public static partial void RateLimited(ILogger logger, string provider);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Provider} text handled as {Kind} (case {CaseId})")]
    public static partial void Handled(ILogger logger, string provider, string kind, string? caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Event Grid subscription validated")]
    public static partial void Validated(ILogger logger);
}
