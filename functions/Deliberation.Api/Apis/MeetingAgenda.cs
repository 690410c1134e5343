using System.Security.Cryptography;
using System.Text;
using Deliberation.Domain.Directory;
using Deliberation.Domain.Meetings;
using Deliberation.Domain.Notifications;
using Deliberation.Domain.Workflow;
using Deliberation.Storage.Notifications;

namespace Deliberation.Api.Apis;

/// <summary>
/// The agenda sent in advance to a meeting's members and the representatives of the village. The reporters of its
/// cases were told by their cases when the cases went on the agenda.
/// </summary>
internal static class MeetingAgenda
{
    /// <summary>Sends the agenda to each recipient once; returns who it went to.</summary>
    public static async Task<IReadOnlyList<string>> SendAsync(Meeting meeting, TownDirectory directory, TimeZoneInfo zone, IStaffNotifier notifier, SendOnceLog sendOnce, CancellationToken ct)
    {
        var text = Text(meeting, directory, zone);

        // One id per agenda and recipient: sending again changes nothing unless the agenda changed.
        var agenda = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        var recipients = meeting.Members.Select(m => (To: $"member:{m.Id}", Audience: Audience.Unit))
            .Concat(directory.RepresentativesOf(meeting.CommitteeId).Select(r => (To: $"rep:{r.Id}", Audience: Audience.Followers)))
            .ToList();
        foreach (var (to, audience) in recipients)
        {
            var id = $"meeting-{meeting.MeetingId}-agenda-{agenda}-{to.Replace(':', '-')}";
            var message = new OutboundText(id, meeting.MeetingId, Channel.Sms, to, text, audience, NotificationTemplates.MeetingAgenda, meeting.CommitteeId);
            await sendOnce.SendOnceAsync(meeting.MeetingId, id, () => notifier.SendAsync(message, ct), ct);
        }

        return recipients.Select(r => r.To).ToList();
    }

    private static string Text(Meeting meeting, TownDirectory directory, TimeZoneInfo zone)
    {
        var at = TimeZoneInfo.ConvertTime(meeting.StartsAt, zone);
        var items = string.Join("；", meeting.Items.Select((item, n) => item.CaseId is { } caseId ? $"{n + 1}. {item.Title}（案件{caseId}）" : $"{n + 1}. {item.Title}"));
        return $"【{directory.TownName}】{directory.FindUnit(meeting.CommitteeId)?.Name}定于{at:M月d日 HH:mm}在{meeting.Place}召开{meeting.Type.Chinese()}。议程：{items}。";
    }
}
