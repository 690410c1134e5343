using Microsoft.AspNetCore.Rewrite;
using Microsoft.Extensions.FileProviders;

namespace Deliberation.Host.Site;

/// <summary>
/// The standalone host serves the web site (web/'s build) beside the API, as the Static Web App does in Azure: its
/// files, and its index page for every page address (/c/{caseId}, /staff/…), which the site's own router then draws.
/// Open311 and the feeds also answer at their conventional addresses (/open311/v2, /feeds), rewritten to /api.
/// </summary>
public static class SiteHosting
{
    /// <summary>Where the built site is: <c>Web:Root</c>, else <c>wwwroot</c> beside the app (publish), else the repository's web/dist.</summary>
    public const string RootSetting = "Web:Root";

    /// <summary>Before routing: the open-data addresses rewritten to the API's.</summary>
    public static WebApplication UseOpenDataAddresses(this WebApplication app)
    {
        app.UseRewriter(new RewriteOptions()
            .AddRewrite("^open311/v2/(.*)$", "api/open311/v2/$1", skipRemainingRules: true)
            .AddRewrite("^feeds/(.*)$", "api/feeds/$1", skipRemainingRules: true));
        app.UseRouting();
        return app;
    }

    /// <summary>The site's files and its index page as the fallback of every non-API GET; nothing when the site is not built.</summary>
    public static WebApplication MapSite(this WebApplication app)
    {
        if (Find(app.Configuration[RootSetting], app.Environment.ContentRootPath) is not { } root)
        {
            app.Logger.LogWarning("The web site is not built (no index.html in web/dist or wwwroot): only the API is served. ./dev up builds it.");
            return app;
        }

        var files = new PhysicalFileProvider(root);
        var headers = SiteHeaders(root);
        app.Use((context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments("/api"))
            {
                foreach (var (name, value) in headers)
                {
                    context.Response.Headers[name] = value;
                }
            }

            return next(context);
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        app.MapFallback("{*path:nonfile}", async context =>
        {
            if (context.Request.Path.StartsWithSegments("/api") || !HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            await context.Response.SendFileAsync(files.GetFileInfo("index.html"));
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// The site's security headers (Content-Security-Policy and others) as the Static Web App sends them: its
    /// <c>staticwebapp.config.json</c> <c>globalHeaders</c>, one source for both hosts.
    /// </summary>
    public static IReadOnlyList<(string Name, string Value)> SiteHeaders(string root)
    {
        var config = Path.Combine(root, "staticwebapp.config.json");
        if (!File.Exists(config))
        {
            return [];
        }

        using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(config));
        return document.RootElement.TryGetProperty("globalHeaders", out var global)
            ? [.. global.EnumerateObject().Select(p => (p.Name, p.Value.GetString() ?? ""))]
            : [];
    }

    private static string? Find(string? configured, string contentRoot)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(Path.Combine(configured, "index.html")) ? Path.GetFullPath(configured) : null;
        }

        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            var beside = Path.Combine(start, "wwwroot");
            if (File.Exists(Path.Combine(beside, "index.html")))
            {
                return beside;
            }

            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var built = Path.Combine(dir.FullName, "web", "dist");
                if (File.Exists(Path.Combine(built, "index.html")))
                {
                    return built;
                }
            }
        }

        return null;
    }
}
