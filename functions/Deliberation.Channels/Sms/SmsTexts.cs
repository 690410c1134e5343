namespace Deliberation.Channels.Sms;

/// <summary>What the system texts back to a resident's own message.</summary>
public static class SmsTexts
{
    public static string Received(string town, string caseId) =>
        $"【{town}】您的诉求已受理，编号{caseId}。回复“CX{caseId}”可查询办理进度，回复TD退订进度通知。";

    /// <summary>The answer to a text that reads as danger: call 119/110/120 first, then the case number.</summary>
    public static string Received(string town, string caseId, bool emergency) =>
        emergency ? Domain.Notifications.NotificationText.Received(town, caseId, emergency: true) : Received(town, caseId);

    public static string NotAccepted(string town) => $"【{town}】未能受理您的短信，请用文字描述您的意见建议后重新发送。";

    public static string Empty(string town) => $"【{town}】请直接发送文字描述您的意见建议；回复CX加编号可查询诉求进度。";

    public static string OptedOut(string town) =>
        $"【{town}】您已退订诉求进度通知，受理和办理结果仍会告知您。回复DY可恢复。";

    public static string OptedIn(string town) => $"【{town}】您已恢复接收诉求进度通知。";

    public static string Answer(string town, string text) => $"【{town}】{text}";

    public static string RateLimited(string town) => $"【{town}】您发送的短信过于频繁，请稍后再试。";
}
