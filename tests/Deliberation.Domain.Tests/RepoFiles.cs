namespace Deliberation.Domain.Tests;

/// <summary>Finds files of the repository (data files under test) from wherever the test assembly runs.</summary>
internal static class RepoFiles
{
    /// <summary>The folder holding Deliberation.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the repository root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Deliberation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Deliberation.sln found above {AppContext.BaseDirectory}.");
    }
}
