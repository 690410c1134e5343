using Deliberation.Api.Classification.AzureLanguage;

namespace Deliberation.IntegrationTests.Cloud;

/// <summary>Reading the documented Azure AI Language response shapes (api-version 2023-04-01).</summary>
public sealed class LanguageResponsesTests
{
    [Fact]
    public void SucceededJob_CustomSingleLabel_GivesTheCategoryAndConfidence()
    {
        var job = LanguageResponses.ParseJob(FakeLanguageService.Succeeded("a1b2", "road", 0.93));

        Assert.True(LanguageResponses.IsFinished(job));
        Assert.True(LanguageResponses.Succeeded(job));
        var guess = LanguageResponses.Classification(job);
        Assert.NotNull(guess);
        Assert.Equal("road", guess.Category);
        Assert.Equal(0.93, guess.Confidence, 3);
        Assert.Equal([("road", 0.93)], guess.Ranked);
    }

    [Fact]
    public void RunningJob_WithoutItems_IsNotFinished()
    {
        var job = LanguageResponses.ParseJob(FakeLanguageService.Running("a1b2"));

        Assert.False(LanguageResponses.IsFinished(job));
        Assert.Null(LanguageResponses.Classification(job));
    }

    [Theory]
    [InlineData("notStarted", false)]
    [InlineData("cancelling", false)]
    [InlineData("partiallyCompleted", true)]
    [InlineData("failed", true)]
    [InlineData("cancelled", true)]
    public void JobStatus_AsDocumented_TellsWhetherToPollAgain(string status, bool finished) =>
        Assert.Equal(finished, LanguageResponses.IsFinished(LanguageResponses.ParseJob($$"""{"jobId":"x","status":"{{status}}","errors":[]}""")));

    [Fact]
    public void SucceededJob_DocumentError_GivesNoCategory()
    {
        var json = """
            {"jobId":"x","status":"succeeded","errors":[],"tasks":{"completed":1,"failed":0,"inProgress":0,"total":1,"items":[
              {"kind":"CustomSingleLabelClassificationLROResults","taskName":"classify","status":"succeeded",
               "results":{"documents":[],"errors":[{"id":"1","error":{"code":"InvalidArgument","message":"Invalid document in request."}}],"projectName":"p","deploymentName":"d"}}]}}
            """;

        Assert.Null(LanguageResponses.Classification(LanguageResponses.ParseJob(json)));
    }

    [Fact]
    public void SucceededJob_SeveralClassesAndUnknownMembers_TakesTheMostConfident()
    {
        var json = """
            {"status":"succeeded","future":{"a":1},"tasks":{"items":[{"kind":"CustomSingleLabelClassificationLROResults","results":{"documents":[
              {"id":"1","class":[{"category":"streetlight","confidenceScore":0.41},{"category":"road","confidenceScore":0.55}],"warnings":[]}]}}]}}
            """;

        var guess = LanguageResponses.Classification(LanguageResponses.ParseJob(json));

        Assert.Equal("road", guess?.Category);
        Assert.Equal(["road", "streetlight"], guess!.Ranked.Select(r => r.Category));
    }

    [Fact]
    public void PiiResult_AsDocumented_GivesTheRedactedTextAndEntities()
    {
        var json = """
            {"kind":"PiiEntityRecognitionResults","results":{"documents":[{"redactedText":"请联系***，电话***********。","id":"1",
              "entities":[{"text":"王建国","category":"Person","offset":3,"length":3,"confidenceScore":0.96},
                          {"text":"13912345678","category":"PhoneNumber","offset":10,"length":11,"confidenceScore":0.8}],"warnings":[]}],
              "errors":[],"modelVersion":"2023-09-01"}}
            """;

        var document = LanguageResponses.ParsePii(json);

        Assert.NotNull(document);
        Assert.Equal("请联系***，电话***********。", document.RedactedText);
        Assert.Equal(2, document.Entities?.Count);
        Assert.Equal(new PiiEntity("王建国", "Person", 3, 3, 0.96), document.Entities![0]);
    }

    [Fact]
    public void PiiResult_DocumentError_GivesNoDocument() =>
        Assert.Null(LanguageResponses.ParsePii("""{"kind":"PiiEntityRecognitionResults","results":{"documents":[],"errors":[{"id":"1","error":{"code":"InvalidArgument","message":"x"}}],"modelVersion":"latest"}}"""));
}
