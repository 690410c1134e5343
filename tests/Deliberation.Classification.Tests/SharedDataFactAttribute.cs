namespace Deliberation.Classification.Tests;

/// <summary>
/// A fact that needs files of the shared data folder (<c>&lt;repo&gt;/../shared/data</c>); it is reported as
/// skipped, with the reason, where they are absent (xunit 2 has no dynamic skip, so the check runs here).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute(params string[] relativePaths)
    {
        var missing = relativePaths.Where(p => !File.Exists(Path.Combine(RepoFiles.SharedData, p))).ToArray();
        if (missing.Length > 0)
        {
            Skip = $"Shared data not found: {string.Join(", ", missing)} under {RepoFiles.SharedData} (the data is never copied into the repository).";
        }
    }
}
