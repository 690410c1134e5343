using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Deliberation.Domain.Meetings;

/// <summary>The kinds of meeting a committee holds (seeds 000, 004).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MeetingType>))]
public enum MeetingType
{
    /// <summary>村民代表会议: decides village matters (四议两公开's "决议").</summary>
    VillageRepresentatives,

    /// <summary>居民议事会: residents deliberate on their estate's matters.</summary>
    ResidentsCouncil,

    /// <summary>听证会: a hearing before a decision.</summary>
    Hearing,

    /// <summary>协商议事会: consultation among residents, units and departments.</summary>
    Consultation,
}

/// <summary>A share such as 2/3, compared exactly (no floating point at the quorum's edge).</summary>
[JsonConverter(typeof(FractionJsonConverter))]
public readonly record struct Fraction(int Numerator, int Denominator)
{
    public static readonly Fraction Half = new(1, 2);

    public static readonly Fraction TwoThirds = new(2, 3);

    /// <summary>Whether <paramref name="count"/> of <paramref name="total"/> is at least this share.</summary>
    public bool IsReachedBy(int count, int total) => (long)count * Denominator >= (long)total * Numerator;

    /// <summary>Whether <paramref name="count"/> of <paramref name="total"/> is more than this share.</summary>
    public bool IsExceededBy(int count, int total) => (long)count * Denominator > (long)total * Numerator;

    /// <summary>The smallest count of <paramref name="total"/> that reaches this share.</summary>
    public int AtLeast(int total) => (int)(((long)total * Numerator + Denominator - 1) / Denominator);

    public static Fraction Parse(string text)
    {
        var parts = text.Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            && d > 0 && n <= d)
        {
            return new Fraction(n, d);
        }

        throw new FormatException($"'{text}' is not a share like \"2/3\".");
    }

    public override string ToString() => $"{Numerator}/{Denominator}";
}

/// <summary>Reads and writes a share as "2/3" (public so source-generated serializers elsewhere can use it).</summary>
public sealed class FractionJsonConverter : JsonConverter<Fraction>
{
    public override Fraction Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return Fraction.Parse(reader.GetString() ?? "");
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, Fraction value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
}

/// <summary>
/// When a meeting of one type may decide: <paramref name="Quorum"/> is the share of members that must be
/// present (at least), <paramref name="Majority"/> the share of those present an item needs (more than).
/// </summary>
public sealed record MeetingRule(Fraction Quorum, Fraction Majority);
