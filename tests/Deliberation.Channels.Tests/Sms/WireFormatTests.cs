using Deliberation.Channels.Sms;

namespace Deliberation.Channels.Tests.Sms;

public sealed class WireFormatTests
{
    [Fact]
    public void FormBody_PercentAndPlusEncoding_Decoded()
    {
        var form = FormBody.Parse("From=%2B8613800138000&Body=%E8%B7%AF%E7%81%AF+%E4%B8%8D%E4%BA%AE&Empty=&Flag");

        Assert.Equal("+8613800138000", form.Value("From"));
        Assert.Equal("路灯 不亮", form.Value("Body"));
        Assert.Equal("", form.Value("Empty"));
        Assert.Equal("", form.Value("Flag"));
        Assert.Null(form.Value("body"));
    }

    [Fact]
    public void TwiML_Message_EscapesXml()
    {
        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>a &lt;b&gt; &amp; &quot;c&quot;</Message></Response>",
            TwiML.Message("a <b> & \"c\""));
    }

    [Theory]
    [InlineData("+8613800138000", "+8613800138000")]
    [InlineData("15555555555", "+15555555555")]
    [InlineData("+1 (555) 555-5555", "+15555555555")]
    [InlineData("008613800138000", "+8613800138000")]
    [InlineData("1234567", null)]
    [InlineData("+1234567890123456", null)]
    [InlineData("whatsapp:+15555555555", null)]
    [InlineData("", null)]
    public void E164_FromInternational_Normalises(string raw, string? expected)
    {
        Assert.Equal(expected, E164.FromInternational(raw));
    }

    [Theory]
    [InlineData("13811112222", "+8613811112222")]
    [InlineData("8613811112222", "+8613811112222")]
    [InlineData("+86 138 1111 2222", "+8613811112222")]
    [InlineData("+15555555555", "+15555555555")]
    [InlineData("02155556666", null)]
    [InlineData("1381111****", null)]
    public void E164_FromChinaMainland_Normalises(string raw, string? expected)
    {
        Assert.Equal(expected, E164.FromChinaMainland(raw));
    }

    [Theory]
    [InlineData("13912345678", "+8613912345678")]
    [InlineData("+8613912345678", "+8613912345678")]
    [InlineData("8613912345678", "+8613912345678")]
    [InlineData("008613912345678", "+8613912345678")]
    [InlineData("+86 139-1234-5678", "+8613912345678")]
    [InlineData("199 1234 5678", "+8619912345678")]
    [InlineData("+14155552671", null)] // abroad: a premium-rate number costs the town
    [InlineData("+44 20 7946 0958", null)]
    [InlineData("+852 9123 4567", null)] // Hong Kong is not the mainland's network
    [InlineData("0085291234567", null)]
    [InlineData("+1 3912345678", null)] // eleven digits, but after another country's code
    [InlineData("12912345678", null)] // no mainland mobile starts 12
    [InlineData("10086", null)]
    [InlineData("02164001234", null)] // a landline cannot take a text
    [InlineData("+86 10 6552 9988", null)]
    [InlineData("139123456789", null)]
    [InlineData("1391234567", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void E164_MainlandMobile_OnlyMainlandMobiles(string? raw, string? expected)
    {
        Assert.Equal(expected, E164.MainlandMobile(raw));
    }

    [Fact]
    public void SharedKey_OnlyTheConfiguredKey_Matches()
    {
        Assert.True(SharedKey.Matches("s3cret", null, "s3cret"));
        Assert.False(SharedKey.Matches("s3cret", "s3cre", "S3CRET", null));
        Assert.False(SharedKey.Matches(null, "anything"));
        Assert.False(SharedKey.Matches("", ""));
    }

    [Fact]
    public void AcsConnection_Parse_ReadsEndpointAndKey()
    {
        var connection = AcsConnection.Parse("endpoint=https://contoso.communication.azure.com/;accesskey=a2tr==");

        Assert.Equal(new Uri("https://contoso.communication.azure.com/"), connection!.Endpoint);
        Assert.Equal("a2tr==", connection.AccessKey);
        Assert.Null(AcsConnection.Parse("endpoint=https://contoso.communication.azure.com/"));
    }

    [Fact]
    public void AcsRequestSigning_KnownRequest_MatchesIndependentComputation()
    {
        // Expected values computed with Python's hmac/hashlib from the same inputs.
        var body = """{"from":"+18005551212","smsRecipients":[{"to":"+8613800138000"}],"message":"hi","smsSendOptions":{"enableDeliveryReport":false}}"""u8;
        var key = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(new string('k', 32)));

        var headers = AcsRequestSigning.Sign("POST", new Uri("https://contoso.communication.azure.com/sms?api-version=2021-03-07"), body, key, new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.FromHours(8)));

        Assert.Equal("Tue, 24 Nov 2026 01:00:00 GMT", headers.Date);
        Assert.Equal("zpYJE57DSGo45VzX1S5skGL7VIfzPOBfGsP2zCHGpVc=", headers.ContentHash);
        Assert.Equal("HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=S4X0ofNNpeUvzP2HcVllI6vd1szXDcuRJ17E5w3YfpY=", headers.Authorization);
    }
}
