namespace Deliberation.Domain.Directory;

/// <summary>The kind of a unit, which fixes the tier it works at.</summary>
public enum UnitKind
{
    /// <summary>巷邻坊 / 服务站 / 网格: first tier, settles small matters on the spot.</summary>
    ServicePoint,

    /// <summary>村委会 / 居委会: second tier, self-governance matters and deliberation meetings.</summary>
    VillageCommittee,

    /// <summary>镇职能部门: third tier, administrative matters.</summary>
    Department,

    /// <summary>大联动分中心: triages what routing could not place and is the last tier of escalation.</summary>
    DispatchCentre,
}

/// <summary>The tier a case is handled at; escalation moves it one tier up.</summary>
public enum Tier
{
    ServicePoint = 1,
    Village = 2,
    Department = 3,
    Town = 4,
}

/// <summary>One organisational unit of the town.</summary>
/// <param name="Id">Stable id used in URLs and tokens (ASCII, lower case).</param>
/// <param name="Name">Display name, e.g. 新桥镇城管中队.</param>
/// <param name="Kind">What kind of unit it is.</param>
/// <param name="Calendar">Id of the working calendar the unit keeps.</param>
/// <param name="Duties">What the unit is responsible for, in the words of its mandate.</param>
/// <param name="Village">For a service point, the village or residents' committee it belongs to.</param>
/// <param name="Places">For a service point, the named places (hamlets, estates, roads) it covers.</param>
/// <param name="Committee">For a village committee, its own deliberation thresholds (the policy's otherwise).</param>
/// <param name="OnDuty">For the dispatch centre, who is on duty round the clock: emergency alerts are texted there at once.</param>
public sealed record Unit(
    string Id,
    string Name,
    UnitKind Kind,
    string Calendar,
    IReadOnlyList<string> Duties,
    string? Village = null,
    IReadOnlyList<string>? Places = null,
    CommitteeRules? Committee = null,
    OnDutyContact? OnDuty = null)
{
    public Tier Tier => Kind switch
    {
        UnitKind.ServicePoint => Tier.ServicePoint,
        UnitKind.VillageCommittee => Tier.Village,
        UnitKind.Department => Tier.Department,
        _ => Tier.Town,
    };
}

/// <summary>The duty desk of a unit: a name for people and a mobile number (E.164) that takes texts day and night.</summary>
public sealed record OnDutyContact(string Name, string Phone);

/// <summary>A committee's own deliberation thresholds; null means the town policy's.</summary>
/// <param name="SupportToRefer">Co-reports and 附议 that put a case on the committee's agenda (0: never automatically).</param>
/// <param name="ObjectionsToReopen">Residents' objections that reopen a published decision.</param>
public sealed record CommitteeRules(int? SupportToRefer = null, int? ObjectionsToReopen = null);

/// <summary>An elected representative (人大代表 / 党代表) and the villages they follow.</summary>
public sealed record Representative(string Id, string Name, string Body, IReadOnlyList<string> Villages);

/// <summary>One line of the dispatch catalogue (派单目录): a category and who handles it.</summary>
/// <param name="Id">Stable category id (ASCII).</param>
/// <param name="Name">Display name, e.g. 市容环境.</param>
/// <param name="Tier">The tier that handles it first.</param>
/// <param name="Department">The town department responsible at tier 3 (and the escalation target above the village).</param>
/// <param name="Keywords">Words that suggest this category until the classifier takes over.</param>
/// <param name="DeadlineClass">Which response-deadline class applies: general, utility, complex.</param>
/// <param name="SelfGovernance">A matter residents decide themselves (村民自治事项): it goes straight to the village committee's agenda.</param>
/// <param name="DeliberateOnSupport">
/// A matter that needs a collective decision once enough residents raise it (parking rules, property services): co-reports
/// and 附议 reaching the committee's threshold put it on the agenda. A repair (a blocked drain) only gains priority.
/// </param>
public sealed record CatalogueEntry(
    string Id,
    string Name,
    Tier Tier,
    string? Department,
    IReadOnlyList<string> Keywords,
    string DeadlineClass = "general",
    bool SelfGovernance = false,
    bool DeliberateOnSupport = false);

/// <summary>The town: its units, representatives, dispatch catalogue and calendars.</summary>
public sealed record TownDirectory(
    string TownId,
    string TownName,
    string DispatchCentre,
    IReadOnlyList<Unit> Units,
    IReadOnlyList<Representative> Representatives,
    IReadOnlyList<CatalogueEntry> Catalogue,
    IReadOnlyList<string> EmergencyKeywords)
{
    private readonly Dictionary<string, Unit> _byId = Units.ToDictionary(u => u.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, CatalogueEntry> _catalogue = Catalogue.ToDictionary(c => c.Id, StringComparer.Ordinal);

    public Unit? FindUnit(string id) => _byId.GetValueOrDefault(id);

    public Unit GetUnit(string id) =>
        _byId.TryGetValue(id, out var unit) ? unit : throw new KeyNotFoundException($"Unknown unit '{id}'.");

    public CatalogueEntry? FindCategory(string id) => _catalogue.GetValueOrDefault(id);

    /// <summary>The representatives whose constituency holds the village.</summary>
    public IEnumerable<Representative> RepresentativesOf(string villageId) =>
        Representatives.Where(r => r.Villages.Contains(villageId, StringComparer.Ordinal));

    public Representative? FindRepresentative(string id) => Representatives.FirstOrDefault(r => r.Id == id);

    public IEnumerable<Unit> ServicePointsOf(string villageId) =>
        Units.Where(u => u.Kind == UnitKind.ServicePoint && u.Village == villageId);
}
