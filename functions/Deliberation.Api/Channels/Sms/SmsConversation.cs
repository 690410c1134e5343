using Deliberation.Channels.Sms;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Intake;
using Deliberation.Storage.Residents;

namespace Deliberation.Api.Channels.Sms;

/// <summary>One inbound text: <paramref name="From"/> in E.164, <paramref name="MessageId"/> the provider's id for it.</summary>
public sealed record InboundSms(string Provider, string MessageId, string From, string? Text);

/// <summary>The answer to a text. <see cref="CaseCreated"/>: the workflow itself texts the case number (case-received).</summary>
public sealed record SmsAnswer(string Kind, string Text, string? CaseId, bool CaseCreated);

/// <summary>
/// What a resident's text means and what it does, whatever provider brought it: a keyword (查询/CX, a
/// survey answer, 退订/TD, 订阅/DY, 附议/FY, 异议/YY) is answered; anything else becomes a case, idempotently
/// on the provider's message id (附议 and 异议 are idempotent on the resident instead).
/// </summary>
public sealed class SmsConversation(IntakeService intake, ResidentDirectory residents, ResidentRequests requests, TownState town, TimeProvider time, Microsoft.Extensions.Options.IOptions<Storage.Notifications.WebOptions> web)
{
    public string TownName => town.Context.Directory.TownName;

    public async Task<SmsAnswer> HandleAsync(InboundSms message, CancellationToken cancellationToken)
    {
        var townName = TownName;
        switch (SmsKeywords.Parse(message.Text))
        {
            case SmsCommand.OptOut:
                await residents.SetSmsOptOutAsync(message.From, true, time.GetUtcNow(), cancellationToken);
                return new SmsAnswer("opt-out", SmsTexts.OptedOut(townName), null, false);

            case SmsCommand.OptIn:
                await residents.SetSmsOptOutAsync(message.From, false, time.GetUtcNow(), cancellationToken);
                return new SmsAnswer("opt-in", SmsTexts.OptedIn(townName), null, false);

            case SmsCommand.StatusQuery query:
                var status = await requests.StatusAsync(residents.PhoneKey(message.From), query.CaseId, cancellationToken);
                return new SmsAnswer("status", SmsTexts.Answer(townName, status), query.CaseId, false);

            case SmsCommand.Rating rating:
                var rated = await requests.RateAsync(residents.PhoneKey(message.From), rating.Score, $"sms-{message.Provider}-{message.MessageId}", cancellationToken);
                return new SmsAnswer("rating", SmsTexts.Answer(townName, rated), null, false);

            case SmsCommand.Support support:
                var supported = await requests.SupportAsync(residents.PhoneKey(message.From), support.CaseId, Channel.Sms, cancellationToken);
                return new SmsAnswer($"support-{Kind(supported.Outcome)}", SmsTexts.Answer(townName, supported.Text), support.CaseId, false);

            case SmsCommand.Objection { Reason: null } objection:
                return new SmsAnswer("objection-help", SmsTexts.Answer(townName, ResidentRequests.HowToObject(objection.CaseId)), objection.CaseId, false);

            case SmsCommand.Objection { Reason: { } reason } objection:
                var objected = await requests.ObjectAsync(residents.PhoneKey(message.From), objection.CaseId, reason, Channel.Sms, cancellationToken);
                return new SmsAnswer($"objection-{Kind(objected.Outcome)}", SmsTexts.Answer(townName, objected.Text), objection.CaseId, false);

            case SmsCommand.Suggestion suggestion:
                // Twilio's answer (TwiML) carries the case number; the other providers' webhooks cannot.
                var request = new IntakeRequest(Channel.Sms, $"{message.Provider}:{message.MessageId}", new Reporter(Channel.Sms, message.From, null), suggestion.Text,
                    AcknowledgedInline: string.Equals(message.Provider, "twilio", StringComparison.OrdinalIgnoreCase));
                var result = await intake.SubmitAsync(request, cancellationToken);
                return result.Rejection is null
                    ? new SmsAnswer(result.Duplicate ? "case-repeat" : "case", SmsTexts.Received(townName, result.CaseId, result.State?.Urgency.IsUrgent() == true) + Domain.Notifications.NotificationText.CaseLinkText(web.Value.CaseLink(result.CaseId)), result.CaseId, true)
                    : new SmsAnswer("not-accepted", SmsTexts.NotAccepted(townName), null, false);

            default:
                return new SmsAnswer("empty", SmsTexts.Empty(townName), null, false);
        }
    }

    private static string Kind(ResidentRequestOutcome outcome) => outcome.ToString().ToLowerInvariant();
}
