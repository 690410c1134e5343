using Deliberation.Channels.Sms;

namespace Deliberation.Channels.Tests.Sms;

public sealed class TwilioSignatureTests
{
    private const string Token = "12345";
    private const string Url = "https://mycompany.com/myapp.php?foo=1&bar=2";

    // Twilio's documented validator example; computed independently (HMAC-SHA1 in Python) to the same value.
    private const string Published = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";

    private static readonly KeyValuePair<string, string>[] Parameters =
    [
        new("To", "+18005551212"),
        new("CallSid", "CA1234567890ABCDE"),
        new("Digits", "1234"),
        new("From", "+12349013030"),
        new("Caller", "+12349013030"),
    ];

    [Fact]
    public void Compute_TwilioDocumentedExample_MatchesPublishedSignature()
    {
        Assert.Equal(Published, TwilioSignature.Compute(Token, Url, Parameters));
    }

    [Fact]
    public void IsValid_TwilioDocumentedExample_Accepts()
    {
        Assert.True(TwilioSignature.IsValid(Token, Url, Parameters, Published));
    }

    [Fact]
    public void IsValid_SignedWithDefaultPort_AcceptsUrlWithoutPort()
    {
        var signedWithPort = TwilioSignature.Compute(Token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", Parameters);

        Assert.NotEqual(Published, signedWithPort);
        Assert.True(TwilioSignature.IsValid(Token, Url, Parameters, signedWithPort));
        Assert.True(TwilioSignature.IsValid(Token, "https://mycompany.com:443/myapp.php?foo=1&bar=2", Parameters, Published));
    }

    [Fact]
    public void IsValid_NonDefaultPort_IsNotDropped()
    {
        var signed = TwilioSignature.Compute(Token, "https://mycompany.com:8443/myapp.php", Parameters);

        Assert.False(TwilioSignature.IsValid(Token, "https://mycompany.com/myapp.php", Parameters, signed));
        Assert.Equal(["https://mycompany.com:8443/myapp.php"], TwilioSignature.UrlVariants("https://mycompany.com:8443/myapp.php"));
    }

    [Theory]
    [InlineData("http://localhost/api/sms/twilio", "http://localhost:80/api/sms/twilio")]
    [InlineData("https://a.example:443?x=1", "https://a.example?x=1")]
    [InlineData("https://a.example", "https://a.example:443")]
    public void UrlVariants_DefaultPort_AddedOrRemoved(string url, string other)
    {
        Assert.Equal([url, other], TwilioSignature.UrlVariants(url));
    }

    [Fact]
    public void IsValid_TamperedParameter_Rejects()
    {
        var tampered = Parameters.Select(p => p.Key == "Digits" ? new KeyValuePair<string, string>("Digits", "9999") : p).ToArray();

        Assert.False(TwilioSignature.IsValid(Token, Url, tampered, Published));
    }

    [Theory]
    [InlineData("54321", Published)]
    [InlineData(Token, "0/KCTR6DLpKmkAf8muzZqo1nDgQ")]
    [InlineData(Token, "")]
    [InlineData("", Published)]
    public void IsValid_WrongTokenOrSignature_Rejects(string token, string signature)
    {
        Assert.False(TwilioSignature.IsValid(token, Url, Parameters, signature));
    }

    [Fact]
    public void IsValid_OtherUrl_Rejects()
    {
        Assert.False(TwilioSignature.IsValid(Token, "https://mycompany.com/myapp.php?foo=1&bar=3", Parameters, Published));
    }
}
