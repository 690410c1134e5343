namespace Deliberation.Domain.Tests;

public sealed class CsvFileTests
{
    [Fact]
    public void Parse_QuotedFields_KeepCommasDoubledQuotesAndLineBreaks()
    {
        var rows = CsvFile.Parse("\uFEFFid,text\r\n1,\"a, b\"\r\n2,\"say \"\"hi\"\"\nnext line\"\n3,plain");

        Assert.Equal(4, rows.Count);
        Assert.Equal(["id", "text"], rows[0]);
        Assert.Equal(["1", "a, b"], rows[1]);
        Assert.Equal(["2", "say \"hi\"\nnext line"], rows[2]);
        Assert.Equal(["3", "plain"], rows[3]);
    }

    [Fact]
    public void Parse_UnterminatedQuote_Throws()
    {
        Assert.Throws<FormatException>(() => CsvFile.Parse("a,\"open"));
    }
}
