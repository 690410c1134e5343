using Deliberation.Domain.Workflow;
using static Deliberation.Domain.Tests.Workflow.Cases;

namespace Deliberation.Domain.Tests.Workflow;

/// <summary>Nothing a message carries can grow a case past its table row: over-long texts are refused, lists are bounded.</summary>
public sealed class BoundsTests
{
    private static readonly string OverNote = new('字', CaseWorkflow.MaxNoteLength + 1);

    public static TheoryData<string> Messages => ["progress", "respond", "decline", "transfer", "suggested unit", "escalate", "refer", "supervise", "reopen", "confirm", "downgrade", "attachment", "attachment label"];

    [Theory]
    [MemberData(nameof(Messages))]
    public void OverLongText_IsRefused_AndTheCaseStaysAsItWas(string kind)
    {
        var state = Dispatched();
        var at = Later(state);
        var officer = Officer(state.UnitId!);
        CaseMessage message = kind switch
        {
            "progress" => new ReportProgress("m", at, officer, OverNote),
            "respond" => new Respond("m", at, officer, OverNote),
            "decline" => new Decline("m", at, officer, OverNote),
            "transfer" => new Transfer("m", at, officer, OverNote),
            "suggested unit" => new Transfer("m", at, officer, "不归我们管", new string('u', CaseWorkflow.MaxIdLength + 1)),
            "escalate" => new Escalate("m", at, officer, OverNote),
            "refer" => new ReferToDeliberation("m", at, officer, OverNote),
            "supervise" => new Supervise("m", at, officer, OverNote),
            "reopen" => new Reopen("m", at, OverNote, Dispatcher),
            "confirm" => new ConfirmEmergency("m", at, Dispatcher, OverNote),
            "downgrade" => new DowngradeUrgency("m", at, Dispatcher, OverNote),
            "attachment" => new AddAttachment("m", at, AttachmentKind.Image, new string('h', CaseWorkflow.MaxAttachmentReference + 1)),
            _ => new AddAttachment("m", at, AttachmentKind.Location, "31.1,121.2", new string('路', CaseWorkflow.MaxAttachmentReference + 1)),
        };

        var decision = Apply(state, message);

        Assert.Null(decision.NewState);
        Assert.Contains("超过", decision.Rejection);
    }

    [Fact]
    public void Submission_OverLong_IsRefused()
    {
        Assert.NotNull(Submit(text: new string('字', CaseWorkflow.MaxTextLength + 1)).Rejection);
        Assert.NotNull(Submit(place: new string('路', CaseWorkflow.MaxPlaceLength + 1)).Rejection);
        Assert.Null(Submit(text: new string('字', CaseWorkflow.MaxTextLength)).Rejection);
    }

    [Fact]
    public void Whistle_SummoningMoreThanTheBound_IsRefused()
    {
        var state = Dispatched();
        var summoned = Enumerable.Range(0, CaseWorkflow.MaxSummoned + 1).Select(i => $"dept-{i}").ToList();

        var decision = Apply(state, new Whistle("w", Later(state), Dispatcher, "paichusuo", summoned, "多部门协同"));

        Assert.Null(decision.NewState);
        Assert.Contains($"{CaseWorkflow.MaxSummoned}", decision.Rejection);
    }

    [Fact]
    public void UnitHistory_CasePassedBackAndForth_KeepsEachUnitOnce()
    {
        var state = Dispatched();
        var first = state.UnitId!;
        for (var i = 0; i < 10; i++)
        {
            state = Accept(state, Reassign(state, i % 2 == 0 ? "sp-hetang-nanzhai" : "sp-zhangjing-beidai"));
        }

        Assert.Equal([first, "sp-hetang-nanzhai", "sp-zhangjing-beidai"], state.UnitHistory);
        state = Accept(state, Reassign(state, first));
        Assert.Equal(["sp-hetang-nanzhai", "sp-zhangjing-beidai", first], state.UnitHistory);
    }
}
