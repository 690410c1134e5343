using Deliberation.Api.Apis;
using Deliberation.Api.Channels.Sms;
using Deliberation.Api.Telemetry;
using Deliberation.Channels.Hotline;
using Deliberation.Channels.Sms;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Intake;
using Microsoft.Extensions.Options;

namespace Deliberation.Api.Channels.Hotline;

/// <summary>
/// <c>POST /api/hotline/transcripts</c>: a call centre's transcript (JSON, HMAC-SHA256 over timestamp and
/// body, within a time window) or Twilio's transcription callback (a form, X-Twilio-Signature). Either
/// becomes a case like a work order, once per call id.
/// </summary>
public static class TranscriptEndpoints
{
    public const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapHotlineTranscripts(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/hotline/transcripts", Receive).AllowAnonymous().TimedAsWebhook("hotline.transcripts").WithName("HotlineTranscript");
        return app;
    }

    private static async Task<IResult> Receive(
        HttpRequest request,
        IOptions<HotlineTranscriptOptions> options,
        IOptions<SmsOptions> sms,
        IntakeService intake,
        TownState town,
        TimeProvider time,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(TranscriptEndpoints).FullName!);
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            SmsLog.Refused(logger, "hotline", "body too large");
            return TypedResults.Problem($"The body is larger than {MaxBodyBytes} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large");
        }

        return request.HasFormContentType
            ? await TwilioAsync(request, body, sms.Value.Twilio, intake, logger, cancellationToken)
            : await CallCentreAsync(request, body, options.Value, intake, town, time, logger, cancellationToken);
    }

    private static async Task<IResult> CallCentreAsync(HttpRequest request, byte[] body, HotlineTranscriptOptions options, IntakeService intake, TownState town, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        var check = TranscriptSignature.Verify(
            options.TranscriptSecret,
            request.Headers[TranscriptSignature.TimestampHeader].FirstOrDefault(),
            request.Headers[TranscriptSignature.SignatureHeader].FirstOrDefault(),
            body,
            time.GetUtcNow(),
            options.TranscriptWindow);
        if (check != TranscriptSignatureCheck.Valid)
        {
            SmsLog.Refused(logger, "hotline", check.ToString());
            return ApiResults.Forbidden(check == TranscriptSignatureCheck.Stale
                ? $"The signed timestamp is more than {options.TranscriptWindow.TotalMinutes:0} minutes from now."
                : $"A valid {TranscriptSignature.SignatureHeader} over {TranscriptSignature.TimestampHeader} and the body is required.");
        }

        if (Transcripts.ParseCallCentre(body) is not { } transcript)
        {
            return ApiResults.Invalid("body", "A JSON object with callId, caller and text.");
        }

        if (string.IsNullOrWhiteSpace(transcript.CallId))
        {
            return ApiResults.Invalid("callId", "The call id is required (it makes redeliveries safe).");
        }

        if (string.IsNullOrWhiteSpace(transcript.Text) || transcript.Text.Length > HotlineApi.MaxTextLength)
        {
            return ApiResults.Invalid("text", $"The transcript is required, at most {HotlineApi.MaxTextLength} characters.");
        }

        string? phone = null;
        if (!string.IsNullOrWhiteSpace(transcript.Caller) && (phone = PhoneNumbers.Normalise(transcript.Caller)) is null)
        {
            return ApiResults.Invalid("caller", "A caller number of 5 to 15 digits (+, spaces and dashes allowed), or none for a withheld number.");
        }

        if (transcript.Category is not null && town.Context.Directory.FindCategory(transcript.Category) is null)
        {
            return ApiResults.Invalid("category", $"Unknown category '{transcript.Category}'; see GET /api/directory.");
        }

        var result = await intake.SubmitAsync(
            new IntakeRequest(Channel.Hotline, transcript.CallId.Trim(), new Reporter(Channel.Hotline, phone, null), transcript.Text.Trim(), transcript.Place, transcript.Category),
            cancellationToken);
        if (result.Rejection is not null)
        {
            return ApiResults.Invalid("text", result.Rejection);
        }

        SmsLog.Handled(logger, "hotline", result.Duplicate ? "case-repeat" : "case", result.CaseId);
        var location = $"/api/cases/{result.CaseId}";
        return TypedResults.Accepted(location, WorkOrderAccepted.From(result, location));
    }

    private static async Task<IResult> TwilioAsync(HttpRequest request, byte[] body, TwilioSmsOptions twilio, IntakeService intake, ILogger logger, CancellationToken cancellationToken)
    {
        var form = FormBody.Parse(body);
        if (!TwilioSignature.IsValid(twilio.AuthToken ?? "", RequestBody.PublicUrl(request, twilio.PublicBaseUrl), form, request.Headers[TwilioSignature.Header].FirstOrDefault()))
        {
            SmsLog.Refused(logger, "twilio-transcription", string.IsNullOrEmpty(twilio.AuthToken) ? "no auth token configured" : "bad signature");
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var transcription = Transcripts.ParseTwilio(form);
        if (string.IsNullOrEmpty(transcription.CallSid) || string.IsNullOrWhiteSpace(transcription.Text)
            || !string.Equals(transcription.Status ?? "completed", "completed", StringComparison.OrdinalIgnoreCase))
        {
            // Nothing to file (a failed transcription has no text); Twilio does not retry, so say OK.
            SmsLog.Unusable(logger, "twilio-transcription", string.IsNullOrEmpty(transcription.CallSid) ? "no CallSid" : "no transcription text");
            return Results.Text(TwiML.Empty, TwiML.ContentType);
        }

        var phone = E164.FromInternational(transcription.From);
        var text = transcription.Text.Trim();
        var result = await intake.SubmitAsync(
            new IntakeRequest(Channel.Hotline, transcription.CallSid, new Reporter(Channel.Hotline, phone, null), text.Length > HotlineApi.MaxTextLength ? text[..HotlineApi.MaxTextLength] : text),
            cancellationToken);
        SmsLog.Handled(logger, "twilio-transcription", result.Duplicate ? "case-repeat" : "case", result.CaseId);
        return Results.Text(TwiML.Empty, TwiML.ContentType);
    }
}
