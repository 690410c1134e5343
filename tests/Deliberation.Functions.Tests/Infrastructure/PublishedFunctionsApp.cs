using System.Diagnostics;
using Deliberation.IntegrationTests.Infrastructure;

namespace Deliberation.Functions.Tests.Infrastructure;

/// <summary>
/// <c>./dev publish --out</c> a fresh folder, once for the tests that read it, and the zip it made unpacked: what would
/// be deployed to Azure (the isolated app's publish and the built site under <c>wwwroot/</c>).
/// </summary>
public sealed class PublishedFunctionsApp : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public PublishedFunctionsApp()
    {
        _root = Path.Combine(Path.GetTempPath(), "deliberation-functions-" + Guid.NewGuid().ToString("N")[..12]);
        var publish = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(Azurite.RepoRoot, "dev"), "publish", "--out", _root },
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

        using var process = Process.Start(publish) ?? throw new InvalidOperationException("./dev publish did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Patience))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./dev publish took longer than {Patience}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"./dev publish failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        }

        Directory = Path.Combine(_root, "unzipped");
        System.IO.Compression.ZipFile.ExtractToDirectory(Path.Combine(_root, "deliberation.zip"), Directory);
    }

    private readonly string _root;

    public string Directory { get; }

    public string PathOf(params string[] parts) => Path.Combine([Directory, .. parts]);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
