using System.Text;
using Deliberation.Classification.Data;

namespace Deliberation.Classification.Tests;

public sealed class LabelledCsvTests
{
    [Fact]
    public void Read_LabelTextLayout_WithQuotedCommasQuotesAndNewlines()
    {
        var csv = "label,text\r\nroad,\"路灯坏了，\"\"很黑\"\",\n请修\"\r\nnoise,楼上太吵\r\n";
        var examples = LabelledCsv.Read(new StringReader(csv));
        Assert.Equal([("road", "路灯坏了，\"很黑\",\n请修"), ("noise", "楼上太吵")], examples);
    }

    [Fact]
    public void Read_MessageLayout_JoinsTitleAndDetail()
    {
        var csv = "message_id,label,title,detail\n24,城乡建设,占道施工,\"A3区大道，人行道被圈\"\n25,交通运输,,公交晚点\n";
        var examples = LabelledCsv.Read(new StringReader(csv));
        Assert.Equal([("城乡建设", "占道施工\nA3区大道，人行道被圈"), ("交通运输", "公交晚点")], examples);
    }

    [Fact]
    public void Read_FileWithByteOrderMark_FindsTheHeader()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "label,text\nroad,井盖松了\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            Assert.Equal([("road", "井盖松了")], LabelledCsv.Read(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Read_RowsWithoutLabelOrBlankLines_AreSkipped() =>
        Assert.Equal([("pets", "狗叫")], LabelledCsv.Read(new StringReader("label,text\n\n,无标签\npets,狗叫\n")));

    [Fact]
    public void Read_UnknownHeader_Throws() =>
        Assert.Throws<InvalidDataException>(() => LabelledCsv.Read(new StringReader("category,message\nroad,x\n")));

    [Fact]
    public void Write_ThenRead_RoundTrips()
    {
        (string, string)[] examples = [("road", "路灯, \"坏了\"\n第二行"), ("pets", "dog barking")];
        var writer = new StringWriter();
        LabelledCsv.Write(writer, examples);
        Assert.Equal(examples, LabelledCsv.Read(new StringReader(writer.ToString())));
    }

    [Fact]
    public void FormatRow_AppendedToAFile_ReadsBackAsAnExample()
    {
        var text = "label,text\nroad,井盖\n" + LabelledCsv.FormatRow("utility", "停水,三天了");
        Assert.Equal(("utility", "停水,三天了"), LabelledCsv.Read(new StringReader(text))[^1]);
    }
}
