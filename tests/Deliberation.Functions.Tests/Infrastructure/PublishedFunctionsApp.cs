using System.Diagnostics;
using Deliberation.IntegrationTests.Infrastructure;

namespace Deliberation.Functions.Tests.Infrastructure;

/// <summary>
/// <c>dotnet publish functions/Deliberation.Functions -c Release</c> into a fresh folder, once for the tests that read
/// it: what would be deployed to Azure.
/// </summary>
public sealed class PublishedFunctionsApp : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public PublishedFunctionsApp()
    {
        Directory = Path.Combine(Path.GetTempPath(), "deliberation-functions-" + Guid.NewGuid().ToString("N")[..12]);
        var publish = new ProcessStartInfo("dotnet")
        {
            ArgumentList =
            {
                "publish", Path.Combine(Azurite.RepoRoot, "functions", "Deliberation.Functions"),
                "-c", "Release", "-o", Directory, "--nologo", "-v", "quiet", "--disable-build-servers",
            },
            WorkingDirectory = Azurite.RepoRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // dotnet test points MSBuild at its own SDK resolution for the test host; the publish finds its own.
        foreach (var name in publish.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            publish.Environment.Remove(name);
        }

        using var process = Process.Start(publish) ?? throw new InvalidOperationException("dotnet publish did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet publish took longer than {Patience}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        }
    }

    public string Directory { get; }

    public string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
