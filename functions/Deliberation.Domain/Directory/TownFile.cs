using System.Text.Json;
using System.Text.Json.Serialization;
using Deliberation.Domain.Workflow;

namespace Deliberation.Domain.Directory;

/// <summary>
/// The operator-editable town file: the directory, the dispatch catalogue and the workflow policy.
/// Parsing validates every cross-reference, so a typo fails at start-up with the field named.
/// </summary>
public sealed record TownFile(TownDirectory Directory, WorkflowPolicy Policy)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TownFile Parse(string json)
    {
        Raw raw;
        try
        {
            raw = JsonSerializer.Deserialize<Raw>(json, Json) ?? throw new InvalidDataException("The town file is empty.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The town file is not valid: {e.Message}", e);
        }

        var directory = new TownDirectory(
            Required(raw.TownId, "townId"),
            Required(raw.TownName, "townName"),
            Required(raw.DispatchCentre, "dispatchCentre"),
            raw.Units ?? [],
            raw.Representatives ?? [],
            raw.Catalogue ?? [],
            raw.EmergencyKeywords ?? []);
        var policy = raw.Policy ?? new WorkflowPolicy();
        ThrowIfAny([.. Problems(directory), .. Problems(policy)]);
        return new TownFile(directory, policy);
    }

    /// <summary>
    /// The meeting rules must be able to decide and to refuse: a quorum of 0 would let a meeting with nobody present
    /// decide, and a majority of "more than all" could never be reached.
    /// </summary>
    private static List<string> Problems(WorkflowPolicy policy)
    {
        var errors = new List<string>();
        foreach (var (type, rule) in policy.Meetings)
        {
            if (rule.Quorum.Numerator < 1)
            {
                errors.Add($"policy.meetings.{type}.quorum: '{rule.Quorum}' lets a meeting with nobody present decide; at least one member must be present");
            }

            if (rule.Majority.Numerator < 1)
            {
                errors.Add($"policy.meetings.{type}.majority: '{rule.Majority}' would adopt an item with a single vote for it; give the share of those present a decision must exceed, e.g. 1/2");
            }

            if (rule.Majority.Numerator >= rule.Majority.Denominator)
            {
                errors.Add($"policy.meetings.{type}.majority: '{rule.Majority}' can never be exceeded; a decision needs more than this share of those present");
            }
        }

        return errors;
    }

    public static void Validate(TownDirectory directory) => ThrowIfAny(Problems(directory));

    private static List<string> Problems(TownDirectory directory)
    {
        var errors = new List<string>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var unit in directory.Units)
        {
            if (!ids.Add(unit.Id))
            {
                errors.Add($"units: duplicate id '{unit.Id}'");
            }

            if (unit.Kind == UnitKind.ServicePoint)
            {
                if (directory.FindUnit(unit.Village ?? "")?.Kind != UnitKind.VillageCommittee)
                {
                    errors.Add($"units.{unit.Id}.village: '{unit.Village}' is not a village committee");
                }

                if (unit.Places is not { Count: > 0 })
                {
                    errors.Add($"units.{unit.Id}.places: a service point must cover at least one place");
                }
            }
        }

        if (directory.FindUnit(directory.DispatchCentre)?.Kind != UnitKind.DispatchCentre)
        {
            errors.Add($"dispatchCentre: '{directory.DispatchCentre}' is not a unit of kind DispatchCentre");
        }

        foreach (var unit in directory.Units.Where(u => u.OnDuty is not null))
        {
            var phone = unit.OnDuty!.Phone ?? "";
            if (string.IsNullOrWhiteSpace(unit.OnDuty.Name) || phone.Length is < 8 or > 16 || phone[0] != '+' || !phone[1..].All(char.IsAsciiDigit))
            {
                errors.Add($"units.{unit.Id}.onDuty: a name and a phone number in E.164 form (e.g. +8613800138000) are required");
            }
        }

        var places = directory.Units.SelectMany(u => (u.Places ?? []).Select(p => (Place: p, Unit: u.Id))).ToList();
        foreach (var group in places.GroupBy(p => p.Place).Where(g => g.Count() > 1))
        {
            errors.Add($"places: '{group.Key}' is covered by {string.Join(" and ", group.Select(p => p.Unit))}");
        }

        foreach (var entry in directory.Catalogue)
        {
            if (entry.Department is { } department && directory.FindUnit(department)?.Kind != UnitKind.Department)
            {
                errors.Add($"catalogue.{entry.Id}.department: '{department}' is not a department");
            }

            if (entry.Tier == Tier.Town)
            {
                errors.Add($"catalogue.{entry.Id}.tier: categories are handled at ServicePoint, Village or Department tier");
            }
        }

        foreach (var representative in directory.Representatives)
        {
            foreach (var village in representative.Villages.Where(v => directory.FindUnit(v)?.Kind != UnitKind.VillageCommittee))
            {
                errors.Add($"representatives.{representative.Id}.villages: '{village}' is not a village committee");
            }
        }

        return errors;
    }

    private static void ThrowIfAny(List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw new InvalidDataException("The town file has errors:\n  " + string.Join("\n  ", errors));
        }
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidDataException($"The town file needs '{field}'.") : value;

    private sealed record Raw(
        string? TownId,
        string? TownName,
        string? DispatchCentre,
        List<Unit>? Units,
        List<Representative>? Representatives,
        List<CatalogueEntry>? Catalogue,
        List<string>? EmergencyKeywords,
        WorkflowPolicy? Policy);
}
