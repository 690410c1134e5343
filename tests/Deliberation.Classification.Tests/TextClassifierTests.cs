using Deliberation.Classification.Data;

namespace Deliberation.Classification.Tests;

public sealed class TextClassifierTests
{
    private static readonly IReadOnlyList<(string Label, string Text)> Corpus = LabelledCsv.Read(RepoFiles.DefaultCorpus);
    private static readonly Lazy<TextClassifier> Trained = new(() => TextClassifier.Train(Corpus));

    [Fact]
    public void Train_TwiceOnTheSameData_GivesIdenticalModels()
    {
        var other = TextClassifier.Train(Corpus);
        Assert.Equal(Bytes(Trained.Value), Bytes(other));
    }

    [Fact]
    public void SaveThenLoad_ClassifiesExactlyAlike()
    {
        using var stream = new MemoryStream();
        Trained.Value.Save(stream);
        stream.Position = 0;
        var loaded = TextClassifier.Load(stream);
        Assert.Equal(Trained.Value.Labels, loaded.Labels);
        foreach (var (_, text) in Corpus.Take(60))
        {
            var expected = Trained.Value.Classify(text);
            var actual = loaded.Classify(text);
            Assert.Equal(expected.Label, actual.Label);
            Assert.Equal(expected.Ranked, actual.Ranked);
        }
    }

    [Fact]
    public void Load_NotAModel_Throws()
    {
        using var stream = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write("not a model at all"u8);
        }

        stream.Position = 0;
        Assert.Throws<InvalidDataException>(() => TextClassifier.Load(stream));
    }

    [Theory]
    [InlineData("我家楼下的路灯坏了一个星期，晚上走路很危险", "我家樓下的路燈壞了一個星期，晚上走路很危險")]
    [InlineData("养老金三个月没有发了，社保局也联系不上", "養老金三個月沒有發了，社保局也聯繫不上")]
    [InlineData("邻居家的狗天天晚上叫，吵得人睡不着", "鄰居家的狗天天晚上叫，吵得人睡不著")]
    public void Classify_TraditionalAndSimplifiedOfOneMessage_GiveTheSameResult(string simplified, string traditional)
    {
        var a = Trained.Value.Classify(simplified);
        var b = Trained.Value.Classify(traditional);
        Assert.Equal(a.Label, b.Label);
        Assert.Equal(a.Confidence, b.Confidence, 6);
    }

    [Theory]
    [InlineData("小区门口的垃圾好几天没人清运了，臭得很", "environment")]
    [InlineData("楼上卫生间漏水，我家天花板都湿了，物业不管", "property")]
    [InlineData("村里的账目好几年没公开了", "village-affairs")]
    [InlineData("No water in our building since this morning", "utility")]
    public void Classify_FreshMessages_WithTheDefaultCorpus_FindsTheCategory(string text, string expected) =>
        Assert.Equal(expected, Trained.Value.Classify(text).Label);

    [Fact]
    public void Classify_RanksEveryLabel_ProbabilitiesSumToOne()
    {
        var result = Trained.Value.Classify("停水两天了");
        Assert.Equal(Trained.Value.Labels.Count, result.Ranked.Count);
        Assert.Equal(result.Label, result.Ranked[0].Label);
        Assert.Equal(result.Confidence, result.Ranked[0].Score);
        Assert.Equal(1.0, result.Ranked.Sum(r => r.Score), 6);
        Assert.True(result.Ranked.Zip(result.Ranked.Skip(1)).All(p => p.First.Score >= p.Second.Score));
        Assert.Equal(3, result.Top(3).Count);
    }

    [Fact]
    public void Classify_EmptyText_GivesALowConfidence()
    {
        var result = Trained.Value.Classify(string.Empty);
        Assert.True(result.Confidence < 0.5, $"confidence {result.Confidence}");
    }

    [Theory]
    [InlineData(ClassifierAlgorithm.SoftmaxRegression)]
    [InlineData(ClassifierAlgorithm.AveragedPerceptron)]
    [InlineData(ClassifierAlgorithm.ComplementNaiveBayes)]
    public void Train_EveryAlgorithm_LearnsATinySeparableSet(ClassifierAlgorithm algorithm)
    {
        (string, string)[] tiny = [("a", "垃圾满了"), ("a", "垃圾没人收"), ("b", "路灯坏了"), ("b", "路灯不亮")];
        var classifier = TextClassifier.Train(tiny, new ClassifierOptions { Algorithm = algorithm, HashBits = 12 });
        Assert.Equal("a", classifier.Classify("垃圾").Label);
        Assert.Equal("b", classifier.Classify("路灯").Label);
    }

    [Fact]
    public void Train_OneLabelOnly_Throws() =>
        Assert.Throws<ArgumentException>(() => TextClassifier.Train([("a", "x"), ("a", "y")]));

    private static byte[] Bytes(TextClassifier classifier)
    {
        using var stream = new MemoryStream();
        classifier.Save(stream);
        return stream.ToArray();
    }
}
