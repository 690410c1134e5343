using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Deliberation.IntegrationTests.Infrastructure;

/// <summary>
/// Reads every response under /api/public in every integration test and records anything that looks like a
/// mobile number, a landline with area code or a valid 18-digit ID number. Independent of the redactor it
/// checks: its own patterns, its own check-digit test. A leak turns the response into a 500 and fails the
/// test when the app is disposed.
/// </summary>
public sealed partial class PublicResponseScanner : IStartupFilter
{
    public ConcurrentQueue<string> Leaks { get; } = new();

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (context, nextMiddleware) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api/public", StringComparison.OrdinalIgnoreCase))
            {
                await nextMiddleware(context);
                return;
            }

            var original = context.Response.Body;
            using var buffer = new MemoryStream();
            context.Response.Body = buffer;
            await nextMiddleware(context);
            var body = Encoding.UTF8.GetString(buffer.ToArray());
            context.Response.Body = original;
            if (Find(body) is { } leak)
            {
                Leaks.Enqueue($"{context.Request.Path}: {leak}");
                context.Response.StatusCode = 500;
                context.Response.ContentLength = null;
                await context.Response.WriteAsync("personal data in a public response");
                return;
            }

            buffer.Position = 0;
            await buffer.CopyToAsync(original);
        });
        next(app);
    };

    public static string? Find(string text)
    {
        // A ProblemDetails trace id (W3C: 00-<32 hex>-<16 hex>-00) is random hex that now and then reads like a mobile.
        text = TraceId().Replace(text, "\"traceId\":\"\"");
        if (Mobile().Match(text) is { Success: true } mobile)
        {
            return "mobile ending " + mobile.Value[^4..];
        }

        if (Landline().Match(text) is { Success: true } landline)
        {
            return "landline ending " + landline.Value[^4..];
        }

        foreach (Match id in Id18().Matches(text))
        {
            if (ValidId(id.Value))
            {
                return "ID number ending " + id.Value[^4..];
            }
        }

        return null;
    }

    private static bool ValidId(string id)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * weights[i];
        }

        return char.ToUpperInvariant(id[17]) == "10X98765432"[sum % 11];
    }

    [GeneratedRegex(@"""traceId""\s*:\s*""[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}""")]
    private static partial Regex TraceId();

    [GeneratedRegex(@"(?<![0-9])(?:\+?86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]){8}(?![0-9])")]
    private static partial Regex Mobile();

    [GeneratedRegex(@"(?<![0-9])0[1-9][0-9]{1,2}[- ][2-9][0-9]{6,7}(?![0-9])")]
    private static partial Regex Landline();

    [GeneratedRegex(@"(?<![0-9])[1-9][0-9]{16}[0-9Xx](?![0-9])")]
    private static partial Regex Id18();
}
