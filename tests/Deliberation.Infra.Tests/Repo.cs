using System.Diagnostics;

namespace Deliberation.Infra.Tests;

/// <summary>The repository, and its ./dev commands run from a test.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Runs <c>./dev &lt;command&gt;</c>; throws with its output when it fails.</summary>
    public static void Dev(string command, TimeSpan patience)
    {
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { PathOf("dev"), command },
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // dotnet test points MSBuild at its own SDK resolution for the test host; a nested dotnet finds its own.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"./dev {command} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(patience))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./dev {command} took longer than {patience}.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"./dev {command} failed ({process.ExitCode}):\n{output.Result}\n{error.Result}");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Deliberation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Deliberation.sln not found above " + AppContext.BaseDirectory);
    }
}
