using System.Globalization;
using Deliberation.Channels.WeChat;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Intake;
using Deliberation.Storage.Residents;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Channels.WeChat;

/// <summary>
/// What a verified, decrypted WeChat message means for the app, and what to answer (null: answer "success").
/// Text and recognised voice become suggestions through the intake port, which is idempotent on the MsgId,
/// so WeChat's retries (even concurrent ones) make one case and get the same number back.
/// </summary>
public sealed partial class WeChatConversation(
    IntakeService intake,
    ResidentDirectory residents,
    ResidentRequests requests,
    ICaseRuntime runtime,
    PendingAttachments pending,
    Storage.Notifications.IWeChatSender sender,
    Storage.Notifications.SendOnceLog sendOnce,
    Storage.StorageClients clients,
    IOptions<WeChatOptions> options,
    IOptions<Storage.Notifications.WebOptions> web,
    TimeProvider time,
    ILogger<WeChatConversation> logger)
{
    private const string Location = "位置";
    private const string Image = "图片";

    public async Task<string?> ReplyToAsync(WeChatMessage message, CancellationToken cancellationToken)
    {
        var residentKey = residents.WeChatKey(message.FromUserName);
        switch (message.MsgType)
        {
            case "text":
                return await OnTextAsync(message, message.Content, residentKey, cancellationToken);
            case "voice" when !string.IsNullOrWhiteSpace(message.Recognition):
                return await OnTextAsync(message, message.Recognition, residentKey, cancellationToken);
            case "voice":
                return WeChatReplies.VoiceNotRecognised;
            case "location":
                return await OnLocationAsync(message, residentKey, cancellationToken);
            case "image":
                return await OnImageAsync(message, residentKey, cancellationToken);
            case "event":
                return await OnEventAsync(message, residentKey, cancellationToken);
            default:
                WeChatLog.Unsupported(logger, message.MsgType);
                return WeChatReplies.Unsupported;
        }
    }

    private async Task<string?> OnTextAsync(WeChatMessage message, string? text, string residentKey, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return WeChatReplies.Empty;
        }

        switch (WeChatCommands.Parse(text))
        {
            case StatusQuery query:
                return await requests.StatusAsync(residentKey, query.CaseId, cancellationToken);
            case RatingAnswer rating:
                return await requests.RateAsync(residentKey, rating.Score, MessageId(message), cancellationToken);
            case SupportRequest support:
                return (await requests.SupportAsync(residentKey, support.CaseId, Channel.WeChat, cancellationToken)).Text;
            case ObjectionRequest { Reason: null } objection:
                return ResidentRequests.HowToObject(objection.CaseId);
            case ObjectionRequest { Reason: { } reason } objection:
                return (await requests.ObjectAsync(residentKey, objection.CaseId, reason, Channel.WeChat, cancellationToken)).Text;
        }

        // The intake runs to its end whatever happens to this request; the reply waits for it only so long.
        var submission = SubmitAsync(message, text.Trim(), residentKey);
        try
        {
            var result = await submission.WaitAsync(options.Value.ReplyTimeout, cancellationToken);
            WeChatLog.Submitted(logger, result.CaseId, result.Duplicate);
            return result.Rejection is null ? Received(result) : WeChatReplies.Empty;
        }
        catch (TimeoutException)
        {
            // WeChat would give up on us. Before answering "success" (after which WeChat never resends), keep the
            // message on a queue: its function finishes the intake (idempotent on MsgId) and sends the number.
            WeChatLog.ReplyLate(logger, options.Value.ReplyTimeout);
            var late = new Storage.WeChatLateIntake(message.FromUserName, message.DedupeKey, text.Trim());
            await clients.Queue(clients.Names.WeChatInbox).SendMessageAsync(System.Text.Json.JsonSerializer.Serialize(late, Storage.StorageJson.Store.WeChatLateIntake), CancellationToken.None);
            _ = FinishLateAsync(submission);
            return null;
        }
    }

    private async Task<IntakeResult> SubmitAsync(WeChatMessage message, string text, string residentKey)
    {
        var attachments = await pending.ForAsync(residentKey, time.GetUtcNow() - options.Value.PendingAttachmentLifetime, CancellationToken.None);
        var place = attachments.LastOrDefault(a => a.Kind == AttachmentKind.Location) is { } location ? location.Label ?? location.Reference : null;
        var result = await intake.SubmitAsync(
            new IntakeRequest(Channel.WeChat, message.DedupeKey, new Reporter(Channel.WeChat, Phone: null, WeChatOpenId: message.FromUserName), text, place, AcknowledgedInline: true),
            CancellationToken.None);
        if (result.Rejection is null && attachments.Count > 0)
        {
            // Handed over durably, not waited for: the reply needs only the case number, and WeChat gives it 5 s.
            foreach (var attachment in attachments)
            {
                await runtime.SendAsync(result.CaseId, new AddAttachment(attachment.MessageId, attachment.At, attachment.Kind, attachment.Reference, attachment.Label), CancellationToken.None);
            }

            await pending.ClearAsync(residentKey, CancellationToken.None);
        }

        return result;
    }

    private async Task FinishLateAsync(Task<IntakeResult> submission)
    {
        try
        {
            var result = await submission;
            WeChatLog.SubmittedLate(logger, result.CaseId, result.Duplicate);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not lost: the message waits on the wechat-inbox queue.
            WeChatLog.LateSubmissionFailed(logger, e);
        }
    }

    /// <summary>
    /// The wechat-inbox queue function: completes a late intake (a second run finds the case the first made) and
    /// sends the case number once by customer-service message.
    /// </summary>
    public async Task CompleteLateAsync(Storage.WeChatLateIntake late, CancellationToken cancellationToken)
    {
        var message = new WeChatMessage("", late.OpenId, 0, "text", late.MsgId);
        var result = await SubmitAsync(message, late.Text, residents.WeChatKey(late.OpenId));
        if (result.Rejection is not null)
        {
            return;
        }

        var text = new Storage.Notifications.OutboundText($"{result.CaseId}-wechat-late", result.CaseId, Channel.WeChat, late.OpenId, Received(result), Audience.Reporter, NotificationTemplates.CaseReceived, null);
        await sendOnce.SendOnceAsync("wechat-late", late.MsgId, () => sender.SendAsync(text, cancellationToken), cancellationToken);
    }

    private async Task<string> OnLocationAsync(WeChatMessage message, string residentKey, CancellationToken cancellationToken)
    {
        if (!double.TryParse(message.LocationX, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(message.LocationY, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
            || Math.Abs(lat) > 90 || Math.Abs(lon) > 180)
        {
            WeChatLog.Malformed(logger, message.MsgType);
            return WeChatReplies.Unsupported;
        }

        var reference = string.Create(CultureInfo.InvariantCulture, $"{lat},{lon}");
        return await AttachAsync(message, residentKey, AttachmentKind.Location, reference, message.Label, Location, cancellationToken);
    }

    private async Task<string> OnImageAsync(WeChatMessage message, string residentKey, CancellationToken cancellationToken)
    {
        var reference = !string.IsNullOrEmpty(message.MediaId) ? message.MediaId : message.PicUrl;
        if (string.IsNullOrEmpty(reference))
        {
            WeChatLog.Malformed(logger, message.MsgType);
            return WeChatReplies.Unsupported;
        }

        var label = reference == message.PicUrl ? null : message.PicUrl;
        return await AttachAsync(message, residentKey, AttachmentKind.Image, reference, label, Image, cancellationToken);
    }

    /// <summary>To the resident's latest case that is not closed; without one, kept for their next suggestion.</summary>
    private async Task<string> AttachAsync(WeChatMessage message, string residentKey, AttachmentKind kind, string reference, string? label, string what, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var item in await residents.CasesAsync(residentKey, 5, cancellationToken))
        {
            if ((await runtime.Store.GetStateAsync(item.CaseId, cancellationToken))?.State is { IsFinal: false } open)
            {
                var result = await runtime.HandleAsync(open.CaseId, new AddAttachment(MessageId(message), now, kind, reference, label), cancellationToken);
                if (result.Outcome is CaseOutcome.Applied or CaseOutcome.Duplicate)
                {
                    WeChatLog.Attached(logger, kind, open.CaseId);
                    return WeChatReplies.Attached(what, open.CaseId);
                }
            }
        }

        await pending.AddAsync(residentKey, new PendingAttachment(MessageId(message), kind, reference, label, now), cancellationToken);
        WeChatLog.AttachmentPending(logger, kind);
        return WeChatReplies.AttachmentWaiting(what);
    }

    private async Task<string?> OnEventAsync(WeChatMessage message, string residentKey, CancellationToken cancellationToken)
    {
        var name = message.Event?.ToLowerInvariant();
        WeChatLog.Event(logger, name ?? "(none)");
        return name switch
        {
            "subscribe" => WeChatReplies.Welcome,
            "click" => message.EventKey?.ToUpperInvariant() switch
            {
                WeChatMenu.Submit => WeChatReplies.HowToSubmit,
                WeChatMenu.MyCases => await requests.StatusAsync(residentKey, null, cancellationToken),
                WeChatMenu.Rate => WeChatReplies.HowToRate,
                _ => null,
            },

            // unsubscribe and everything else (VIEW, LOCATION reports, …) need no answer.
            _ => null,
        };
    }

    private static string MessageId(WeChatMessage message) => "wechat-" + message.DedupeKey;

    /// <summary>The case number (with the 119/110/120 advice for danger first) and the case page's address.</summary>
    private string Received(Storage.Intake.IntakeResult result) =>
        WeChatReplies.Received(result.CaseId, result.State?.Urgency) + Domain.Notifications.NotificationText.CaseLinkText(web.Value.CaseLink(result.CaseId));
}
