namespace Deliberation.Domain.Tests;

/// <summary>
/// A fact over the shared data sets in &lt;repo&gt;/../shared/data: skipped, visibly, on machines without them.
/// xunit 2 has no dynamic skip, so the attribute sets <see cref="FactAttribute.Skip"/> when the file is missing.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class RequiresSharedDataFactAttribute : FactAttribute
{
    /// <param name="relativePath">A path below ../shared/data, e.g. "teddycup2020c/replies_raw.csv".</param>
    public RequiresSharedDataFactAttribute(string relativePath)
    {
        RelativePath = relativePath;
        if (!File.Exists(SharedData.Path(relativePath)))
        {
            Skip = $"{SharedData.Path(relativePath)} is absent: ../shared/data is absent on this machine.";
        }
    }

    public string RelativePath { get; }
}

/// <summary>The shared data folder next to the repository (../shared/data), which not every checkout has.</summary>
internal static class SharedData
{
    public static string Path(string relativePath)
    {
        try
        {
            return System.IO.Path.GetFullPath(System.IO.Path.Combine(RepoFiles.Root, "..", "shared", "data", relativePath));
        }
        catch (InvalidOperationException)
        {
            return System.IO.Path.Combine("..", "shared", "data", relativePath); // no repository root: reported as absent
        }
    }
}
