namespace Deliberation.Classification.Tests;

/// <summary>Finds files of the repository, and the shared data beside it, from wherever the test assembly runs.</summary>
internal static class RepoFiles
{
    /// <summary>The folder holding Deliberation.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>A path below the repository root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    /// <summary>The project's shared data folder, <c>&lt;repo&gt;/../shared/data</c> (never copied into the repository).</summary>
    public static string SharedData { get; } = System.IO.Path.GetFullPath(System.IO.Path.Combine(Root, "..", "shared", "data"));

    /// <summary>The default training corpus the app ships.</summary>
    public static string DefaultCorpus => Path("functions", "Deliberation.Api", "Data", "corpus", "default.csv");

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
