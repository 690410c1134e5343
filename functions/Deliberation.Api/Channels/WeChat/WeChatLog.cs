using Deliberation.Domain.Workflow;

namespace Deliberation.Api.Channels.WeChat;

/// <summary>The channel's log lines: message types, outcomes and case ids only; never OpenIDs, texts or places.</summary>
internal static partial class WeChatLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat: request refused: {Reason}")]
    public static partial void Refused(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat: a {MsgType} message could not be read; answered politely")]
    public static partial void Malformed(ILogger logger, string msgType);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat: unsupported message type {MsgType}; answered politely")]
    public static partial void Unsupported(ILogger logger, string msgType);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat: a follower is over the rate limit; nothing created")]
    public static partial void RateLimited(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat: suggestion filed as case {CaseId} (retry: {Duplicate})")]
    public static partial void Submitted(ILogger logger, string caseId, bool duplicate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat: intake took longer than {Timeout}; answered success, the case number follows by message")]
    public static partial void ReplyLate(ILogger logger, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat: late suggestion filed as case {CaseId} (retry: {Duplicate})")]
    public static partial void SubmittedLate(ILogger logger, string caseId, bool duplicate);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeChat: a suggestion answered with success could not be filed")]
    public static partial void LateSubmissionFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "WeChat: intake failed; answered 503 so that WeChat delivers again")]
    public static partial void IntakeFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat: {Kind} attached to case {CaseId}")]
    public static partial void Attached(ILogger logger, AttachmentKind kind, string caseId);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat: {Kind} kept for the follower's next suggestion")]
    public static partial void AttachmentPending(ILogger logger, AttachmentKind kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat: event {Event}")]
    public static partial void Event(ILogger logger, string @event);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat API: {Template} for case {CaseId} sent as {How}")]
    public static partial void Sent(ILogger logger, string template, string caseId, string how);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WeChat API: {Template} for case {CaseId} not delivered: the customer-service window is closed (errcode {ErrCode}) and no template is configured")]
    public static partial void Undeliverable(ILogger logger, string template, string caseId, int errCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "WeChat API: access token refreshed (valid {ExpiresIn} s)")]
    public static partial void TokenRefreshed(ILogger logger, int expiresIn);
}
