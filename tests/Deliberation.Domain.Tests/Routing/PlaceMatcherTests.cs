using Deliberation.Domain.Routing;
using Deliberation.Domain.Tests.Workflow;

namespace Deliberation.Domain.Tests.Routing;

public sealed class PlaceMatcherTests
{
    [Theory]
    [InlineData("东宅和荷塘农场之间的小路", "sp-hetang-xizhai")] // 荷塘农场 (4) beats 东宅 (2)
    [InlineData("荷塘农场到东宅的小路", "sp-hetang-xizhai")]
    [InlineData("新桥路拐进新桥老街", "sp-qiaonan-laojie")] // 新桥老街 (4) beats 新桥路 (3)
    public void TextNamingTwoPlaces_LongestPlaceWins(string text, string expected)
    {
        Assert.Equal(expected, PlaceMatcher.FindServicePoint(TestTown.Directory, null, text)?.Id);
    }

    [Fact]
    public void StatedPlace_TextNamesAnother_StatedPlaceWins()
    {
        var unit = PlaceMatcher.FindServicePoint(TestTown.Directory, "荷塘村南宅", "我住在南宅，东宅路口的垃圾没人清运");

        Assert.Equal("sp-hetang-nanzhai", unit?.Id);
    }

    [Fact]
    public void StatedPlace_Unknown_FallsBackToTheText()
    {
        var unit = PlaceMatcher.FindServicePoint(TestTown.Directory, "火星路1号", "东宅路口的垃圾没人清运");

        Assert.Equal("sp-zhangjing-dongzhai", unit?.Id);
    }

    [Fact]
    public void NoKnownPlace_Anywhere_IsNull()
    {
        Assert.Null(PlaceMatcher.FindServicePoint(TestTown.Directory, "火星路1号", "垃圾没人清运"));
        Assert.Null(PlaceMatcher.FindServicePoint(TestTown.Directory, null, ""));
    }
}
