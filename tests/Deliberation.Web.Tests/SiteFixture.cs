using System.Text.RegularExpressions;

namespace Deliberation.Web.Tests;

/// <summary>
/// One host and one browser for the whole class: the app (fake clock, Azurite) served by Kestrel on a free port, the
/// built site from web/dist, and Debian's Chromium driven by Playwright. Pages are looked at in both sizes the site is
/// made for, checked with axe-core, and screenshotted into the test output (or DELIBERATION_SCREENSHOTS).
/// </summary>
public partial class SiteFixture : IAsyncLifetime
{
    public static readonly (string Name, int Width, int Height)[] Sizes = [("phone", 360, 640), ("desktop", 1280, 800)];

    private IPlaywright? _playwright;

    public SiteFixture()
        : this(new DeliberationApp())
    {
    }

    /// <summary>The site in front of an app set up otherwise (another environment, other settings).</summary>
    protected SiteFixture(DeliberationApp app) => App = app;

    public DeliberationApp App { get; }

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public string ScreenshotFolder { get; } = Environment.GetEnvironmentVariable("DELIBERATION_SCREENSHOTS") is { Length: > 0 } folder
        ? folder
        : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        var site = Path.Combine(Azurite.RepoRoot, "web", "dist", "index.html");
        if (!File.Exists(site))
        {
            throw new InvalidOperationException($"The site is not built ({site}): run ./dev test, which builds web/ (npm --prefix web run build).");
        }

        App.UseKestrel(0);
        App.StartServer();
        BaseUrl = App.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("DELIBERATION_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-dev-shm-usage"],
        });
        Directory.CreateDirectory(ScreenshotFolder);
    }

    public async Task DisposeAsync()
    {
        WriteGallery();
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>An index.html beside the screenshots: each page at both sizes, side by side, for a person to open.</summary>
    private void WriteGallery()
    {
        var pages = Directory.GetFiles(ScreenshotFolder, "*-phone.png").Select(f => Path.GetFileName(f)[..^"-phone.png".Length]).Order(StringComparer.Ordinal);
        var rows = pages.Select(p => $"<section><h2>{p}</h2><img src=\"{p}-phone.png\" alt=\"{p} 360×640\" width=\"360\"> <img src=\"{p}-desktop.png\" alt=\"{p} 1280×800\" width=\"640\"></section>");
        File.WriteAllText(Path.Combine(ScreenshotFolder, "index.html"), $"<!doctype html><meta charset=\"utf-8\"><title>Deliberation screenshots</title><body style=\"font-family:sans-serif\"><h1>Every page at 360×640 and 1280×800</h1>{string.Join("\n", rows)}</body>");
    }

    /// <summary>A fresh page (its own storage: signed out) at the phone size.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 360, Height = 640 }, Locale = "zh-CN" });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                PolicyViolations.Add($"{page.Url}: {message.Text}");
            }
        };
        return page;
    }

    /// <summary>What the browser refused under the site's Content-Security-Policy (it says so on the console).</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> PolicyViolations { get; } = [];

    /// <summary>
    /// Looks at the page as it is now in both sizes: no serious or critical axe-core violation, and a full-page
    /// screenshot each (<c>{name}-phone.png</c>, <c>{name}-desktop.png</c>). Leaves the page at the phone size.
    /// </summary>
    public async Task InspectAsync(IPage page, string name)
    {
        foreach (var (size, width, height) in Sizes)
        {
            await page.SetViewportSizeAsync(width, height);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            Assert.True(overflow <= 1, $"{name} at {width}×{height} scrolls sideways by {overflow}px.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}-{size}.png"), FullPage = true });
        }

        await page.SetViewportSizeAsync(360, 640);
        if (await page.EvaluateAsync<bool>("() => typeof window.axe === 'undefined'"))
        {
            // Evaluated, not added as a script tag: the site's Content-Security-Policy refuses inline scripts.
            await page.EvaluateAsync(await File.ReadAllTextAsync(Path.Combine(Azurite.RepoRoot, "web", "node_modules", "axe-core", "axe.min.js")));
        }

        var violations = await page.EvaluateAsync<string[]>(
            "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations.filter(v => v.impact === 'serious' || v.impact === 'critical').map(v => v.id + ' ' + v.nodes.map(n => n.target.join(' ')).join(', '))");
        Assert.True(violations.Length == 0, $"axe-core on {name}: {string.Join("; ", violations)}");
        Assert.True(PolicyViolations.IsEmpty, $"Refused under the Content-Security-Policy: {string.Join("; ", PolicyViolations)}");
    }

    /// <summary>The case page's address as the resident's text gives it (…/c/{caseId}), as a path on this host.</summary>
    public async Task<string> CaseLinkFromTextsAsync(string caseId)
    {
        var texts = await App.NotificationsAsync(caseId);
        var link = texts.Select(t => CaseLink().Match(t.Text)).First(m => m.Success);
        return new Uri(link.Value).AbsolutePath;
    }

    [GeneratedRegex(@"https?://\S+/c/\d+")]
    private static partial Regex CaseLink();
}
