using Deliberation.Domain.Duplicates;
using Deliberation.Domain.Routing;
using Deliberation.Domain.Tests.Workflow;
using Xunit.Abstractions;

namespace Deliberation.Domain.Tests.Duplicates;

public sealed class DuplicateDetectionTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>(first report, place, second report, place, same matter?) — paraphrases and near-misses residents really send.</summary>
    public static readonly (string First, string FirstPlace, string Second, string SecondPlace, bool Same)[] Pairs =
    [
        ("东宅路口的下水道堵了，污水漫到路上", "东宅", "东宅路口下水道堵塞，脏水流了一地", "东宅", true),
        ("东宅路口下水道堵住了，一下雨就积水", "东宅", "东宅那边路口的下水道又堵了，污水漫出来", "东宅", true),
        ("馨桥苑3号楼下饭店油烟太大，熏得没法开窗", "馨桥苑", "馨桥苑楼下饭店油烟扰民，窗户都不敢开", "馨桥苑", true),
        ("景澜小区门口路灯不亮一个星期了", "景澜小区", "景澜小区大门口的路灯坏了好几天，晚上很黑", "景澜小区", true),
        ("桂花苑里车位不够，很多车乱停在消防通道上", "桂花苑", "桂花苑消防通道被乱停的车堵住了", "桂花苑", true),
        ("北埭的垃圾桶满了三天没人清运", "北埭", "北埭垃圾桶满了好几天都没人来清运，很臭", "北埭", true),
        ("新桥农贸市场门口占道摆摊，人车都过不去", "新桥农贸市场", "新桥农贸市场门口小摊贩占道经营，道路堵塞", "新桥农贸市场", true),
        ("南宅河道里漂满了垃圾，水发黑发臭", "南宅", "南宅那条河发黑发臭，河面上都是垃圾", "南宅", true),
        ("春晖路晚上广场舞音响太吵了", "春晖路", "春晖路广场舞声音太大，吵得睡不着", "春晖路", true),
        ("東宅路口的下水道堵了，污水漫到路上", "东宅", "东宅路口的下水道堵了，污水漫到路上", "东宅", true),
        ("东宅路口的下水道堵了，污水漫到路上", "东宅", "东宅路口的路灯坏了，晚上一片漆黑", "东宅", false),
        ("馨桥苑楼下饭店油烟太大", "馨桥苑", "馨桥苑楼下有人遛狗不牵绳", "馨桥苑", false),
        ("景澜小区门口路灯不亮", "景澜小区", "桂花苑门口路灯不亮", "桂花苑", false),
        ("北埭的垃圾桶满了没人清运", "北埭", "东宅的垃圾桶满了没人清运", "东宅", false),
        ("桂花苑消防通道被车堵住了", "桂花苑", "桂花苑有人私搭乱建阳光房", "桂花苑", false),
        ("南宅河道里漂满了垃圾", "南宅", "南宅有人在河边钓鱼，建议设置警示牌", "南宅", false),
        ("春晖路广场舞太吵", "春晖路", "春晖路装修噪音太大，中午也在施工", "春晖路", false),
        ("新桥农贸市场门口占道摆摊", "新桥农贸市场", "新桥农贸市场里卖的猪肉不新鲜", "新桥农贸市场", false),
        ("张泾路上的井盖丢了，很危险", "张泾路", "荷塘路上的井盖丢了，很危险", "荷塘路", false),
        ("建议在春晖公园增设几张座椅", "春晖公园", "春晖公园的健身器材坏了", "春晖公园", false),
    ];

    [Fact]
    public void ConstructedParaphrasesAndNearMisses_PrecisionAndRecall_AreHigh()
    {
        var policy = new DuplicatePolicy();
        int truePositive = 0, falsePositive = 0, falseNegative = 0;
        foreach (var (first, firstPlace, second, secondPlace, same) in Pairs)
        {
            var candidate = Candidate(first, firstPlace, Monday);
            var probe = Probe(second, secondPlace, Monday.AddHours(3));
            var merged = policy.BestMatch(probe, [candidate]) is not null;
            output.WriteLine($"{(merged ? "merge" : "apart"),-5} {(same ? "same" : "diff"),-4} sim={candidate.Fingerprint.Similarity(probe.Fingerprint):0.00} {first} | {second}");
            truePositive += merged && same ? 1 : 0;
            falsePositive += merged && !same ? 1 : 0;
            falseNegative += !merged && same ? 1 : 0;
        }

        var precision = truePositive / (double)Math.Max(1, truePositive + falsePositive);
        var recall = truePositive / (double)Math.Max(1, truePositive + falseNegative);
        output.WriteLine($"precision={precision:0.00} recall={recall:0.00}");
        Assert.Equal(1.0, precision);
        Assert.True(recall >= 0.8, $"recall {recall:0.00}");
    }

    [Fact]
    public void SameText_OutsideTheWindow_IsANewCase()
    {
        const string text = "东宅路口的下水道堵了，污水漫到路上";

        Assert.NotNull(new DuplicatePolicy().BestMatch(Probe(text, "东宅", Monday.AddDays(6)), [Candidate(text, "东宅", Monday)]));
        Assert.Null(new DuplicatePolicy().BestMatch(Probe(text, "东宅", Monday.AddDays(8)), [Candidate(text, "东宅", Monday)]));
    }

    [Fact]
    public void SameTextAtAnotherPlace_IsANewCase()
    {
        Assert.Null(new DuplicatePolicy().BestMatch(Probe("北埭的垃圾桶满了没人清运", "北埭", Monday), [Candidate("东宅的垃圾桶满了没人清运", "东宅", Monday)]));
    }

    private static DuplicateCandidate Candidate(string text, string place, DateTimeOffset at)
    {
        var probe = Probe(text, place, at);
        return new DuplicateCandidate("case-a", probe.Place, probe.UnitId, probe.Category, at, probe.Fingerprint);
    }

    private static DuplicateProbe Probe(string text, string place, DateTimeOffset at)
    {
        var route = Router.Route(TestTown.Directory, text, place, null, null);
        var found = PlaceMatcher.FindPlace(TestTown.Directory, place, text);
        return new DuplicateProbe(found?.Name, route.UnitId, route.Category, at, TextFingerprint.Of(text, PlaceMatcher.AllPlaces(TestTown.Directory)));
    }

    [Fact]
    public void Fingerprint_SerializedAndRead_IsTheSame()
    {
        var fingerprint = TextFingerprint.Of("景澜小区门口路灯不亮");

        Assert.Equal(1.0, TextFingerprint.Deserialize(fingerprint.Serialize()).Similarity(fingerprint));
        Assert.Equal(fingerprint.Signature, TextFingerprint.Of("景澜小区门口，路灯不亮！").Signature);
    }
}
