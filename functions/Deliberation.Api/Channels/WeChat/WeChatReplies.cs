namespace Deliberation.Api.Channels.WeChat;

/// <summary>What the official account says to residents.</summary>
internal static class WeChatReplies
{
    public const string Welcome = "欢迎关注！直接发送文字或语音即可提交您的意见建议，可以同时发送位置和图片。回复“查询”查看办理进度；收到答复后回复1（满意）、2（基本满意）或3（不满意）进行评价。";
    public const string HowToSubmit = "请直接发送文字或语音描述您的意见建议（发生了什么、在哪里），也可以发送位置和图片。我们收到后会回复诉求编号。";
    public const string HowToRate = "收到答复后，请回复1（满意）、2（基本满意）或3（不满意）对办理结果进行评价。";
    public const string VoiceNotRecognised = "抱歉，暂时无法识别这条语音。请发送文字描述您的诉求。";
    public const string Unsupported = "抱歉，暂不支持此类消息。请发送文字描述您的意见建议，也可以发送位置或图片。";
    public const string TooMany = "您发送的消息过于频繁，请稍后再试。";
    public const string Empty = "没有收到内容，请发送文字描述您的诉求。";

    public static string Received(string caseId) => $"已收到您的诉求，编号{caseId}。我们将尽快办理，回复“查询”可查看进度。";

    /// <summary>For a text that reads as danger, the 119/110/120 advice comes first.</summary>
    public static string Received(string caseId, Deliberation.Domain.Workflow.Urgency? urgency) =>
        urgency is { } u && Deliberation.Domain.Workflow.UrgencyLevels.IsUrgent(u) ? $"{Deliberation.Domain.Notifications.NotificationText.EmergencyAdvice}已收到您的诉求，编号{caseId}。" : Received(caseId);

    public static string Attached(string what, string caseId) => $"已将{what}补充到您的诉求{caseId}。";

    public static string AttachmentWaiting(string what) => $"已收到您的{what}。请接着发送文字描述您的诉求，我们会一并记录。";
}
