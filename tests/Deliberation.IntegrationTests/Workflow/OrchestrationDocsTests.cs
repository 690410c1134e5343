using Deliberation.Domain.Workflow;
using Deliberation.Workflow.Cases;

namespace Deliberation.IntegrationTests.Workflow;

/// <summary>WorkflowDocs/case-orchestration.md is drawn from the code and cannot drift from it.</summary>
public sealed class OrchestrationDocsTests
{
    private const string Page = "WorkflowDocs/case-orchestration.md";

    [Fact]
    public async Task CaseOrchestrationPage_IsWhatTheCodeDraws()
    {
        var page = OrchestrationDiagram.Render();
        var path = Path.Combine(Azurite.RepoRoot, Page);
        if (Environment.GetEnvironmentVariable("UPDATE_DOCS") == "1")
        {
            await File.WriteAllTextAsync(path, page);
        }

        Assert.True(File.Exists(path), $"{Page} is missing: run ./dev docs.");
        Assert.Equal(page, (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n"));
    }

    [Fact]
    public void CaseOrchestrationPage_NamesEveryMessageDeadlineAndActivity()
    {
        var page = OrchestrationDiagram.Render();
        foreach (var message in new[] { nameof(Acknowledge), nameof(Respond), nameof(DeliberationDecided), nameof(RaiseObjection), nameof(Whistle) })
        {
            Assert.Contains($"`{message}`", page, StringComparison.Ordinal);
        }

        Assert.All(Enum.GetValues<DeadlineKind>(), kind => Assert.Contains($"`{kind}`", page, StringComparison.Ordinal));
        Assert.Contains($"`{ApplyCaseDecision.Name}`", page, StringComparison.Ordinal);
        Assert.Contains($"`{SendCaseNotification.Name}`", page, StringComparison.Ordinal);
        Assert.Contains("12 attempts", page, StringComparison.Ordinal);
    }
}
