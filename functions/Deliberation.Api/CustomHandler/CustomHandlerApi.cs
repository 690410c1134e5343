using System.Text.Json;
using System.Text.Json.Nodes;
using Deliberation.Storage.Cases;
using Deliberation.Storage.Notifications;
using Deliberation.Storage.Queues;
using Deliberation.Storage.Timers;

namespace Deliberation.Api.CustomHandler;

/// <summary>The answer the Functions host expects from a custom handler for a non-HTTP function.</summary>
public sealed record InvocationResponse(IReadOnlyDictionary<string, object?> Outputs, IReadOnlyList<string> Logs, object? ReturnValue);

/// <summary>
/// Queue and timer functions invoked by the Azure Functions host through the custom-handler contract:
/// <c>POST /{FunctionName}</c> with <c>{"Data":{binding:…},"Metadata":{…}}</c>. A non-2xx answer makes
/// the host retry the message (and move it to the poison queue past maxDequeueCount).
/// </summary>
public static class CustomHandlerApi
{
    /// <summary>The binding names used in each function.json.</summary>
    public const string QueueBinding = "message";
    public const string TimerBinding = "timer";

    /// <summary>The host reads Outputs, Logs and ReturnValue in PascalCase.</summary>
    private static readonly JsonSerializerOptions ContractJson = new() { PropertyNamingPolicy = null };

    public static IEndpointRouteBuilder MapCustomHandler(this IEndpointRouteBuilder app)
    {
        app.MapPost("/CaseEvents", (HttpRequest request, CaseEventHandler handler, CancellationToken ct) => InvokeQueueAsync(request, handler, ct)).AllowAnonymous();
        app.MapPost("/Notifications", (HttpRequest request, NotificationHandler handler, CancellationToken ct) => InvokeQueueAsync(request, handler, ct)).AllowAnonymous();
        app.MapPost("/WeChatInbox", (HttpRequest request, Channels.WeChat.WeChatInboxHandler handler, CancellationToken ct) => InvokeQueueAsync(request, handler, ct)).AllowAnonymous();
        app.MapPost("/DeadlineSweep", async (DeadlineSweeper sweeper, CancellationToken ct) =>
        {
            var fired = await sweeper.SweepAsync(ct);
            return Results.Json(new InvocationResponse(new Dictionary<string, object?>(), [$"Deadline sweep fired {fired} timer(s)."], null), ContractJson);
        }).AllowAnonymous();
        app.MapPost("/DailyDigest", async (Storage.Digest.DigestService digest, TimeProvider time, CancellationToken ct) =>
        {
            // 0 0 10 * * * UTC is 18:00 in Shanghai; the run sends the latest digest due (and catches up the day before).
            // A recipient whose send failed fails the invocation, so the host's retry policy (function.json) runs it
            // again; the send log skips those already sent.
            var run = await digest.SendDueAsync(time.GetUtcNow(), ct);
            return run.Failed > 0
                ? Failure(500, $"Daily digest: {run.Failed} of {run.Recipients} recipient(s) failed; to be retried.")
                : Results.Json(new InvocationResponse(new Dictionary<string, object?>(), [$"Daily digest: {run.Recipients} recipient(s)."], null), ContractJson);
        }).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> InvokeQueueAsync(HttpRequest request, IQueueHandler handler, CancellationToken ct)
    {
        JsonNode? invocation;
        try
        {
            invocation = await JsonNode.ParseAsync(request.Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true }, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return Failure(400, $"The invocation is not JSON: {e.Message}");
        }

        if (QueueItem(invocation?["Data"]?[QueueBinding]) is not { } body)
        {
            return Failure(400, $"The invocation has no Data.{QueueBinding}.");
        }

        var dequeueCount = DequeueCount(invocation?["Metadata"]?["DequeueCount"]);
        try
        {
            await handler.HandleAsync(body, dequeueCount, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The host retries the message; the reason goes to its log, never the message body.
            return Failure(500, $"{handler.QueueName}: {e.GetType().Name}: {e.Message}");
        }

        return Results.Json(new InvocationResponse(new Dictionary<string, object?>(), [$"{handler.QueueName}: handled (attempt {dequeueCount})."], null), ContractJson);
    }

    /// <summary>
    /// The host hands a queue message over as a string (sometimes JSON-quoted twice) or, when the
    /// message is JSON, as the parsed object.
    /// </summary>
    private static string? QueueItem(JsonNode? node)
    {
        if (node is JsonValue value && value.TryGetValue<string>(out var text))
        {
            var trimmed = text.Trim();
            if (trimmed.StartsWith('"') && JsonNode.Parse(trimmed) is JsonValue inner && inner.TryGetValue<string>(out var unquoted))
            {
                return unquoted;
            }

            return text;
        }

        return node is JsonObject or JsonArray ? node.ToJsonString() : null;
    }

    private static long DequeueCount(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<long>(out var n) => n,
        JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, out var n) => n,
        _ => 1,
    };

    private static IResult Failure(int status, string log) =>
        Results.Json(new InvocationResponse(new Dictionary<string, object?>(), [log], null), ContractJson, statusCode: status);
}
