namespace Deliberation.Domain.Meetings;

/// <summary>
/// The votes on one item: counted (numbers only) or named (the member ids behind each number, for the minutes).
/// The public sees the numbers, never the names.
/// </summary>
public sealed record VoteTally(
    int For,
    int Against,
    int Abstain,
    IReadOnlyList<string>? ForMembers = null,
    IReadOnlyList<string>? AgainstMembers = null,
    IReadOnlyList<string>? AbstainMembers = null)
{
    public bool IsNamed => ForMembers is not null;

    public int Total => For + Against + Abstain;

    public static VoteTally Counted(int @for, int against, int abstain) => new(@for, against, abstain);

    public static VoteTally Named(IReadOnlyList<string> @for, IReadOnlyList<string> against, IReadOnlyList<string> abstain) =>
        new(@for.Count, against.Count, abstain.Count, @for, against, abstain);

    /// <summary>The tally as the case and the public read it, e.g. "赞成6票，反对2票，弃权1票（应到9人，实到9人）".</summary>
    public string Describe(int members, int present) =>
        $"赞成{For}票，反对{Against}票，弃权{Abstain}票（应到{members}人，实到{present}人）";

    /// <summary>Why these votes cannot stand for a meeting with <paramref name="present"/> there; null when they can.</summary>
    public string? Problem(IReadOnlyCollection<string> present)
    {
        if (For < 0 || Against < 0 || Abstain < 0)
        {
            return "Vote counts cannot be negative.";
        }

        if (!IsNamed)
        {
            return Total > present.Count
                ? $"{Total} votes were counted but only {present.Count} members are present."
                : null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in (ForMembers ?? []).Concat(AgainstMembers ?? []).Concat(AbstainMembers ?? []))
        {
            if (!present.Contains(id))
            {
                return $"Member {id} is not recorded as present and cannot vote.";
            }

            if (!seen.Add(id))
            {
                return $"Member {id} voted more than once.";
            }
        }

        return null;
    }
}
