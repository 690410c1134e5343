namespace Deliberation.Domain.Workflow;

// Bounds: every text a message can put into the case's row or timeline has a limit, checked before anything applies.
public static partial class CaseWorkflow
{
    /// <summary>
    /// Why the message carries more than the case can keep, or null. The API answers such input with 400 before it is
    /// sent; this is the workflow's own guard, so that no sender can make a case that no longer fits its table row.
    /// </summary>
    public static string? Oversized(CaseMessage message) => message switch
    {
        Submit s when s.Text.Length > MaxTextLength => $"诉求内容不能超过{MaxTextLength}个字。",
        Submit s when s.Place?.Length > MaxPlaceLength => $"地点不能超过{MaxPlaceLength}个字。",
        Submit s when s.Category?.Length > MaxIdLength => $"类别编号不能超过{MaxIdLength}个字符。",
        ReportProgress p => Note(p.Note),
        Respond r => Note(r.Reply),
        Decline d => Note(d.Reason),
        Transfer t when t.SuggestedUnit?.Length > MaxIdLength => $"建议单位编号不能超过{MaxIdLength}个字符。",
        Transfer t => Note(t.Reason),
        Reassign r when r.UnitId.Length > MaxIdLength || r.Category?.Length > MaxIdLength => $"单位和类别编号不能超过{MaxIdLength}个字符。",
        Escalate e => Note(e.Reason),
        ReferToDeliberation r => Note(r.Note),
        MeetingCancelled c => Note(c.Reason),
        RaiseObjection o => Note(o.Reason),
        Supervise s => Note(s.Note),
        Whistle w => Note(w.Reason),
        ReportIn r => Note(r.Note),
        Reopen r => Note(r.Reason),
        ConfirmEmergency c => Note(c.Note),
        DowngradeUrgency d => Note(d.Reason),
        AddAttachment a when a.Reference.Length > MaxAttachmentReference || a.Label?.Length > MaxAttachmentReference =>
            $"附件地址和说明不能超过{MaxAttachmentReference}个字符。",
        _ => null,
    };

    private static string? Note(string? text) =>
        text?.Length > MaxNoteLength ? $"文字不能超过{MaxNoteLength}个字。" : null;
}
