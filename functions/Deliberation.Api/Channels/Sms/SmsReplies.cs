using Deliberation.Domain.Workflow;
using Deliberation.Storage.Notifications;

namespace Deliberation.Api.Channels.Sms;

/// <summary>
/// Answers to a resident's keyword text on channels whose webhook answer cannot carry a text (ACS,
/// Aliyun), sent once per inbound message: a log row claims the answer before sending and marks it sent
/// after, so a provider's redelivery does not text the resident twice.
/// </summary>
public sealed class SmsReplies(SendOnceLog log, ISmsSender sms)
{
    public const string Template = "sms-reply";

    /// <summary>Where answers that concern no single case are filed (the development outbox's partition).</summary>
    public const string NoCase = "sms-replies";

    private const string Partition = "sms-reply";

    public Task SendOnceAsync(string notificationId, string to, string text, string? caseId, CancellationToken cancellationToken) =>
        log.SendOnceAsync(Partition, notificationId, () => sms.SendAsync(new OutboundText(notificationId, caseId ?? NoCase, Channel.Sms, to, text, Audience.Reporter, Template, null), cancellationToken), cancellationToken);
}
