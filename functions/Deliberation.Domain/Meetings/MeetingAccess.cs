using Deliberation.Domain.Access;

namespace Deliberation.Domain.Meetings;

/// <summary>Who may see and run a committee's meetings: its own officers, the dispatch centre and admins.</summary>
public static class MeetingAccess
{
    public static bool CanManage(StaffUser user, string committeeId) =>
        user.Is(Roles.Admin)
        || user.Is(Roles.Dispatcher)
        || (user.Is(Roles.Officer) && user.UnitId == committeeId);
}
