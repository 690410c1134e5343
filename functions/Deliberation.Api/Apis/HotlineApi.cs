using Deliberation.Domain.Access;
using Deliberation.Domain.Workflow;
using Deliberation.Storage;
using Deliberation.Storage.Directory;
using Deliberation.Storage.Intake;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Deliberation.Api.Apis;

/// <summary>A hotline operator's work order: what the caller said, where, and the caller's number.</summary>
public sealed record WorkOrderRequest(
    string? CallerPhone,
    string? Text,
    string? Place,
    string? Category,
    string? RequestType,
    string? Urgency,
    string? CallId) : IBoundedRequest
{
    public IEnumerable<FieldBound> Bounds() =>
    [
        InputBounds.Text("callerPhone", CallerPhone, 32),
        InputBounds.Text("text", Text, HotlineApi.MaxTextLength),
        InputBounds.Text("place", Place, InputBounds.MaxPlace),
        InputBounds.Id("category", Category),
        InputBounds.Text("requestType", RequestType, 32),
        InputBounds.Text("urgency", Urgency, 32),
        InputBounds.Text("callId", CallId, InputBounds.MaxIdempotencyKey),
    ];
}

/// <param name="Urgency">How urgent the text reads; for an emergency or possible emergency <paramref name="Advice"/> is what the operator tells the caller at once.</param>
public sealed record WorkOrderAccepted(string CaseId, CaseStatus Status, bool Duplicate, string Location, Urgency Urgency = Urgency.Normal, string? Advice = null)
{
    public static WorkOrderAccepted From(Storage.Intake.IntakeResult result, string location)
    {
        var urgency = result.State?.Urgency ?? Urgency.Normal;
        return new(result.CaseId, result.State?.Status ?? CaseStatus.Received, result.Duplicate, location, urgency, urgency.IsUrgent() ? Domain.Notifications.NotificationText.EmergencyAdvice : null);
    }
}

public static class HotlineApi
{
    public const int MaxTextLength = CaseWorkflow.MaxTextLength;

    public static IEndpointRouteBuilder MapHotlineApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/hotline/workorders", FileWorkOrder).RequireAuthorization().WithName("FileWorkOrder");
        return app;
    }

    private static async Task<Results<Accepted<WorkOrderAccepted>, ValidationProblem, ProblemHttpResult>> FileWorkOrder(
        WorkOrderRequest body,
        HttpContext context,
        IntakeService intake,
        TownState town,
        CancellationToken cancellationToken)
    {
        if (ApiResults.Staff(context) is not { } staff)
        {
            return ApiResults.Unauthenticated();
        }

        if (!CaseAccess.CanFileWorkOrders(staff))
        {
            return ApiResults.Forbidden("Only hotline operators and dispatchers file work orders.");
        }

        if (string.IsNullOrWhiteSpace(body.Text))
        {
            return ApiResults.Invalid("text", "What the caller said is required.");
        }

        if (PhoneNumbers.Normalise(body.CallerPhone) is not { } phone)
        {
            return ApiResults.Invalid("callerPhone", "A caller number of 5 to 15 digits (+, spaces and dashes allowed) is required.");
        }

        if (body.Category is not null && town.Context.Directory.FindCategory(body.Category) is null)
        {
            return ApiResults.Invalid("category", $"Unknown category '{body.Category}'; see GET /api/directory.");
        }

        RequestType? requestType = null;
        if (body.RequestType is not null)
        {
            if (!RequestTypeNames.TryParse(body.RequestType, out var parsed))
            {
                return ApiResults.Invalid("requestType", "One of 咨询/求助/投诉/举报/建议/表扬 (or Consultation, HelpRequest, Complaint, Report, Suggestion, Praise).");
            }

            requestType = parsed;
        }

        Urgency? urgency = null;
        if (body.Urgency is not null)
        {
            if (!Enum.TryParse<Urgency>(body.Urgency, ignoreCase: true, out var parsed))
            {
                return ApiResults.Invalid("urgency", "Normal, Emergency or PossibleEmergency.");
            }

            urgency = parsed;
        }

        var callId = body.CallId ?? context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        var request = new IntakeRequest(Channel.Hotline, callId, new Reporter(Channel.Hotline, phone, null), body.Text.Trim(), body.Place, body.Category, requestType, urgency);
        var result = await intake.SubmitAsync(request, cancellationToken);
        if (result.Rejection is not null)
        {
            return ApiResults.Invalid("text", result.Rejection);
        }

        var location = $"/api/cases/{result.CaseId}";
        return TypedResults.Accepted(location, WorkOrderAccepted.From(result, location));
    }
}

/// <summary>
/// Phone numbers as callers give them: a mobile becomes E.164 (what the SMS senders need, and the form the SMS
/// channels store); anything else (a landline, an extension) is kept as digits with an optional leading +.
/// </summary>
public static class PhoneNumbers
{
    public static string? Normalise(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw) || raw.Any(c => !(char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')')))
        {
            return null;
        }

        if (Deliberation.Channels.Sms.E164.FromChinaMainland(raw) is { } mobile)
        {
            return mobile;
        }

        var digits = new string(raw.Where(char.IsAsciiDigit).ToArray());
        return digits.Length is < 5 or > 15 ? null : (raw.TrimStart().StartsWith('+') ? "+" : "") + digits;
    }
}
