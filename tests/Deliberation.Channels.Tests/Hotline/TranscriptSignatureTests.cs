using System.Text;
using Deliberation.Channels.Hotline;
using Deliberation.Channels.Sms;

namespace Deliberation.Channels.Tests.Hotline;

public sealed class TranscriptSignatureTests
{
    private const string Secret = "secret";
    private const string Timestamp = "1795482000"; // 2026-11-24T01:00:00Z
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"callId":"c1"}""");
    private static readonly DateTimeOffset Signed = DateTimeOffset.FromUnixTimeSeconds(1795482000);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void Compute_KnownBody_MatchesIndependentComputation()
    {
        // Python: hmac.new(b"secret", b'1795482000.{"callId":"c1"}', sha256).hexdigest()
        Assert.Equal("sha256=237968750a552bc0323d15ea8ee0055b4b33453ce93b8b648807435043385105", TranscriptSignature.Compute(Secret, Timestamp, Body));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(299)]
    [InlineData(-299)]
    public void Verify_InsideWindow_IsValid(int secondsLater)
    {
        var signature = TranscriptSignature.Compute(Secret, Timestamp, Body);

        Assert.Equal(TranscriptSignatureCheck.Valid, TranscriptSignature.Verify(Secret, Timestamp, signature, Body, Signed.AddSeconds(secondsLater), Window));
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    [InlineData(86400)]
    public void Verify_OutsideWindow_IsStale(int secondsLater)
    {
        var signature = TranscriptSignature.Compute(Secret, Timestamp, Body);

        Assert.Equal(TranscriptSignatureCheck.Stale, TranscriptSignature.Verify(Secret, Timestamp, signature, Body, Signed.AddSeconds(secondsLater), Window));
    }

    [Fact]
    public void Verify_TamperedBodyOrTimestamp_IsMismatch()
    {
        var signature = TranscriptSignature.Compute(Secret, Timestamp, Body);

        Assert.Equal(TranscriptSignatureCheck.Mismatch, TranscriptSignature.Verify(Secret, Timestamp, signature, Encoding.UTF8.GetBytes("""{"callId":"c2"}"""), Signed, Window));
        Assert.Equal(TranscriptSignatureCheck.Mismatch, TranscriptSignature.Verify(Secret, "1795482060", signature, Body, Signed, Window));
        Assert.Equal(TranscriptSignatureCheck.Mismatch, TranscriptSignature.Verify("other", Timestamp, signature, Body, Signed, Window));
    }

    [Theory]
    [InlineData(null, Timestamp, "sha256=00")]
    [InlineData(Secret, null, "sha256=00")]
    [InlineData(Secret, "soon", "sha256=00")]
    [InlineData(Secret, Timestamp, null)]
    public void Verify_MissingParts_IsMissing(string? secret, string? timestamp, string? signature)
    {
        Assert.Equal(TranscriptSignatureCheck.Missing, TranscriptSignature.Verify(secret, timestamp, signature, Body, Signed, Window));
    }

    [Fact]
    public void ParseCallCentre_JsonBody_ReadsTranscript()
    {
        var transcript = Transcripts.ParseCallCentre("""{"callId":"c1","caller":"13800138000","text":"路灯不亮","place":"东宅"}"""u8);

        Assert.Equal(new CallTranscript("c1", "13800138000", "路灯不亮", "东宅"), transcript);
        Assert.Null(Transcripts.ParseCallCentre("[1]"u8));
    }

    [Fact]
    public void ParseTwilio_TranscriptionCallback_ReadsCallAndText()
    {
        var form = FormBody.Parse("TranscriptionSid=TR1&TranscriptionText=street+light+out&TranscriptionStatus=completed&CallSid=CA1&From=%2B15555550100&To=%2B15555550199");

        Assert.Equal(new TwilioTranscription("CA1", "+15555550100", "street light out", "completed"), Transcripts.ParseTwilio(form));
    }
}
