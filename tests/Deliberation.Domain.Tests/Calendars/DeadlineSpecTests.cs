using System.Text.Json;
using Deliberation.Domain.Calendars;
using static Deliberation.Domain.Tests.Calendars.TestCalendars;

namespace Deliberation.Domain.Tests.Calendars;

public sealed class DeadlineSpecTests
{
    [Theory]
    [InlineData("2 working hours", 2, DeadlineUnit.Hours, true)]
    [InlineData("30 working minutes", 30, DeadlineUnit.Minutes, true)]
    [InlineData("7 working days", 7, DeadlineUnit.Days, true)]
    [InlineData("1 working day", 1, DeadlineUnit.Days, true)]
    [InlineData("1 working minute", 1, DeadlineUnit.Minutes, true)]
    [InlineData("24 hours", 24, DeadlineUnit.Hours, false)]
    [InlineData("2 hours", 2, DeadlineUnit.Hours, false)]
    [InlineData("1 hour", 1, DeadlineUnit.Hours, false)]
    [InlineData("7 days", 7, DeadlineUnit.Days, false)]
    [InlineData("1 day", 1, DeadlineUnit.Days, false)]
    [InlineData("10 minutes", 10, DeadlineUnit.Minutes, false)]
    [InlineData("0 working days", 0, DeadlineUnit.Days, true)]
    public void CanonicalText_Parse_RoundTripsThroughToString(string text, int amount, DeadlineUnit unit, bool working)
    {
        var spec = DeadlineSpec.Parse(text);

        Assert.Equal(new DeadlineSpec(amount, unit, working), spec);
        Assert.Equal(text, spec.ToString());
        Assert.Equal(spec, DeadlineSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("  2   Working  HOURS ", "2 working hours")]
    [InlineData("1 days", "1 day")]
    [InlineData("3 hour", "3 hours")]
    [InlineData("07 working days", "7 working days")]
    [InlineData("5\tminutes", "5 minutes")]
    public void SloppyText_Parse_NormalisesToCanonicalText(string text, string canonical)
    {
        Assert.Equal(canonical, DeadlineSpec.Parse(text).ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2")]
    [InlineData("two hours")]
    [InlineData("2 weeks")]
    [InlineData("-1 hours")]
    [InlineData("+1 hours")]
    [InlineData("2.5 hours")]
    [InlineData("2 working")]
    [InlineData("2 workings hours")]
    [InlineData("working 2 hours")]
    [InlineData("2 hours extra")]
    [InlineData("2 working working hours")]
    [InlineData("100001 days")]
    [InlineData("99999999999 days")]
    [InlineData("２ hours")]
    public void BadText_Parse_ThrowsFormatExceptionNamingTheInput(string text)
    {
        var ex = Assert.Throws<FormatException>(() => DeadlineSpec.Parse(text));

        Assert.Contains("working", ex.Message); // the message shows the expected form
        if (!string.IsNullOrWhiteSpace(text))
        {
            Assert.Contains(text, ex.Message);
        }

        Assert.False(DeadlineSpec.TryParse(text, out _));
    }

    [Fact]
    public void Null_TryParse_ReturnsFalse()
    {
        Assert.False(DeadlineSpec.TryParse(null, out var spec));
        Assert.Equal(default, spec);
    }

    [Fact]
    public void NegativeAmount_Constructor_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DeadlineSpec(-1, DeadlineUnit.Hours, working: false));
    }

    private sealed record Policy(DeadlineSpec Acknowledge, DeadlineSpec Resolve);

    [Fact]
    public void PolicyRecord_Json_UsesTheTextForm()
    {
        var policy = new Policy(DeadlineSpec.Parse("2 working hours"), DeadlineSpec.Parse("7 working days"));

        var json = JsonSerializer.Serialize(policy);

        Assert.Equal("""{"Acknowledge":"2 working hours","Resolve":"7 working days"}""", json);
        Assert.Equal(policy, JsonSerializer.Deserialize<Policy>(json));
    }

    [Fact]
    public void DictionaryKey_Json_UsesTheTextForm()
    {
        var map = new Dictionary<DeadlineSpec, string> { [DeadlineSpec.Parse("1 hour")] = "x" };

        var json = JsonSerializer.Serialize(map);

        Assert.Equal("""{"1 hour":"x"}""", json);
        Assert.Equal("x", JsonSerializer.Deserialize<Dictionary<DeadlineSpec, string>>(json)![DeadlineSpec.Parse("1 hour")]);
    }

    [Theory]
    [InlineData("""{"Acknowledge":"2 fortnights","Resolve":"1 day"}""")]
    [InlineData("""{"Acknowledge":2,"Resolve":"1 day"}""")]
    public void BadJson_Deserialize_ThrowsJsonException(string json)
    {
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Policy>(json));
    }

    [Fact]
    public void WorkingHours_DueFrom_SkipsWeekend()
    {
        Assert.Equal(At(2026, 3, 16, 9, 30), DeadlineSpec.Parse("2 working hours").DueFrom(At(2026, 3, 13, 16, 0), Office));
    }

    [Fact]
    public void WorkingMinutes_DueFrom_SkipsLunch()
    {
        Assert.Equal(At(2026, 3, 11, 13, 15), DeadlineSpec.Parse("30 working minutes").DueFrom(At(2026, 3, 11, 11, 15), Office));
    }

    [Fact]
    public void WorkingDays_DueFrom_UsesCloseOfBusinessAfterHoliday()
    {
        Assert.Equal(At(2026, 2, 26, 17, 0), DeadlineSpec.Parse("7 working days").DueFrom(At(2026, 2, 10, 10, 0), Office));
    }

    [Theory]
    [InlineData("24 hours", 17, 10, 0)]
    [InlineData("7 days", 23, 10, 0)]
    [InlineData("10 minutes", 16, 10, 10)]
    public void PlainUnits_DueFrom_IgnoreHolidaysAndHours(string text, int day, int hour, int minute)
    {
        // 2026-02-16 is 除夕, inside the Spring Festival holiday.
        Assert.Equal(At(2026, 2, day, hour, minute), DeadlineSpec.Parse(text).DueFrom(At(2026, 2, 16, 10, 0), Office));
    }

    [Fact]
    public void PlainHours_DueFrom_ReturnsInCalendarZone()
    {
        var due = DeadlineSpec.Parse("2 hours").DueFrom(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero), Office);

        Assert.Equal(TimeSpan.FromHours(8), due.Offset);
        Assert.Equal(At(2026, 3, 11, 10, 0), due);
    }
}
