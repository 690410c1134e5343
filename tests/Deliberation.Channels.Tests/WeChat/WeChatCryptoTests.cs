using System.Text;
using Deliberation.Channels.WeChat;
using Deliberation.TestSupport.WeChat;

namespace Deliberation.Channels.Tests.WeChat;

public sealed class WeChatCryptoTests
{
    private const string Xml = "<xml><ToUserName><![CDATA[gh_test]]></ToUserName><FromUserName><![CDATA[o-user]]></FromUserName><CreateTime>1764000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[东宅路口的垃圾桶满了]]></Content><MsgId>1</MsgId></xml>";
    private static readonly byte[] Random16 = Encoding.ASCII.GetBytes("0123456789abcdef");

    [Fact]
    public void OfficialSample_PublishedSignatureAndCiphertext_VerifyAndDecryptToTheSampleMessage()
    {
        Assert.True(WeChatSignature.Verify(OfficialSample.MsgSignature, OfficialSample.Token, OfficialSample.Timestamp, OfficialSample.Nonce, OfficialSample.Encrypt));

        var xml = new WeChatCrypto(OfficialSample.EncodingAesKey, OfficialSample.AppId).Decrypt(OfficialSample.Encrypt);

        var message = WeChatXml.ReadMessage(xml);
        Assert.Equal(("gh_10f6c3c3ac5a", "oyORnuP8q7ou2gfYjqLzSIWZf0rs", 1409735668L), (message.ToUserName, message.FromUserName, message.CreateTime));
        Assert.Equal(("text", "abcdteT", "6054768590064713728"), (message.MsgType, message.Content, message.MsgId));
    }

    [Fact]
    public void OfficialSample_OneCharacterOfTheSignatureChanged_DoesNotVerify()
    {
        var tampered = "6" + OfficialSample.MsgSignature[1..];

        Assert.False(WeChatSignature.Verify(tampered, OfficialSample.Token, OfficialSample.Timestamp, OfficialSample.Nonce, OfficialSample.Encrypt));
        Assert.False(WeChatSignature.Verify(OfficialSample.MsgSignature, OfficialSample.Token, OfficialSample.Timestamp, "1320562133", OfficialSample.Encrypt));
    }

    [Fact]
    public void OfficialSample_DecryptedForAnotherAppId_IsRejected()
    {
        var crypto = new WeChatCrypto(OfficialSample.EncodingAesKey, "wx0000000000000000");

        Assert.Throws<WeChatCryptoException>(() => crypto.Decrypt(OfficialSample.Encrypt));
    }

    [Fact]
    public void OfficialSample_WrongKey_IsRejected()
    {
        var crypto = new WeChatCrypto(OfficialSample.DocumentationKey, OfficialSample.AppId);

        Assert.Throws<WeChatCryptoException>(() => crypto.Decrypt(OfficialSample.Encrypt));
    }

    [Fact]
    public void Encrypt_SameRandomBytes_MatchesTheIndependentImplementationByteForByte()
    {
        var ours = new WeChatCrypto(OfficialSample.DocumentationKey, OfficialSample.AppId).Encrypt(Xml, Random16);

        Assert.Equal(IndependentWeChatCrypto.Encrypt(OfficialSample.DocumentationKey, OfficialSample.AppId, Xml, Random16), ours);
        var (xml, appId, _) = IndependentWeChatCrypto.Decrypt(OfficialSample.DocumentationKey, ours);
        Assert.Equal((Xml, OfficialSample.AppId), (xml, appId));
    }

    [Fact]
    public void Decrypt_IndependentlyEncrypted_ReturnsTheMessage()
    {
        var encrypt = IndependentWeChatCrypto.Encrypt(OfficialSample.DocumentationKey, OfficialSample.AppId, Xml);

        Assert.Equal(Xml, new WeChatCrypto(OfficialSample.DocumentationKey, OfficialSample.AppId).Decrypt(encrypt));
    }

    [Fact]
    public void Encrypt_PlaintextAlreadyAMultipleOf32_AddsAWhole32BytePadBlock()
    {
        // 16 + 4 + 26 + 18 (AppId) = 64: WeChat's 32-byte PKCS#7 adds 32 bytes of 0x20, where AES's 16-byte one would add 16.
        var message = new string('x', 26);

        var encrypt = new WeChatCrypto(OfficialSample.DocumentationKey, OfficialSample.AppId).Encrypt(message, Random16);

        Assert.Equal(96, Convert.FromBase64String(encrypt).Length);
        Assert.Equal((message, OfficialSample.AppId, 32), IndependentWeChatCrypto.Decrypt(OfficialSample.DocumentationKey, encrypt));
    }

    [Theory]
    [InlineData("not base64 !!")]
    [InlineData("AAAA")]
    [InlineData("")]
    public void Decrypt_Garbage_IsRejected(string encrypt)
    {
        Assert.Throws<WeChatCryptoException>(() => new WeChatCrypto(OfficialSample.DocumentationKey, OfficialSample.AppId).Decrypt(encrypt));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2!")]
    public void Key_NotA43CharacterBase64Key_IsRefused(string key)
    {
        Assert.False(WeChatCrypto.IsValidKey(key));
        Assert.Throws<ArgumentException>(() => new WeChatCrypto(key, OfficialSample.AppId));
    }

    [Fact]
    public void UrlVerificationSignature_SortedTokenTimestampNonce_MatchesIndependentSha1()
    {
        var expected = IndependentWeChatCrypto.Sign("spamtest", "1409735669", "1320562132");

        Assert.Equal(expected, WeChatSignature.Compute("1320562132", "spamtest", "1409735669"));
        Assert.True(WeChatSignature.Verify(expected.ToUpperInvariant(), "spamtest", "1409735669", "1320562132"));
        Assert.False(WeChatSignature.Verify(expected, "spamtest", "1409735669", null));
    }
}
