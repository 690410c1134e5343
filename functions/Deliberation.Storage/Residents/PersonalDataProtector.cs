using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Deliberation.Storage.Residents;

/// <summary>Keys for personal data at rest. Both are base64; generate with <c>openssl rand -base64 32</c>.</summary>
public sealed class PrivacyOptions
{
    public const string Section = "Privacy";

    /// <summary>AES-256 key (32 bytes) that encrypts phone numbers and WeChat ids in storage.</summary>
    public string? EncryptionKey { get; set; }

    /// <summary>HMAC key (at least 32 bytes) for the lookup hashes of phone numbers and WeChat ids.</summary>
    public string? HashKey { get; set; }
}

/// <summary>
/// Phone numbers and WeChat ids are stored encrypted (AES-GCM) and found by a keyed hash (HMAC-SHA256),
/// so a leaked table leaks neither. Without configured keys (local development only) a random key per
/// process is used and a warning logged: contacts stored by an earlier run can then not be read back.
/// </summary>
public sealed partial class PersonalDataProtector
{
    private const string Version = "v1:";
    private readonly byte[] _encryptionKey;
    private readonly byte[] _hashKey;

    public PersonalDataProtector(IOptions<PrivacyOptions> options, ILogger<PersonalDataProtector> logger)
    {
        var value = options.Value;
        if (string.IsNullOrEmpty(value.EncryptionKey) || string.IsNullOrEmpty(value.HashKey))
        {
            LogEphemeralKeys(logger);
            _encryptionKey = RandomNumberGenerator.GetBytes(32);
            _hashKey = RandomNumberGenerator.GetBytes(32);
            return;
        }

        _encryptionKey = Decode(value.EncryptionKey, nameof(PrivacyOptions.EncryptionKey), exactly: 32);
        _hashKey = Decode(value.HashKey, nameof(PrivacyOptions.HashKey), exactly: null);
    }

    public string Protect(string plaintext)
    {
        var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        var data = Encoding.UTF8.GetBytes(plaintext);
        var cipher = new byte[data.Length];
        var tag = new byte[AesGcm.TagByteSizes.MaxSize];
        using var aes = new AesGcm(_encryptionKey, tag.Length);
        aes.Encrypt(nonce, data, cipher, tag);
        return Version + Convert.ToBase64String([.. nonce, .. tag, .. cipher]);
    }

    /// <summary>The plaintext, or null when it was protected with another key.</summary>
    public string? Unprotect(string protectedText)
    {
        if (!protectedText.StartsWith(Version, StringComparison.Ordinal))
        {
            return null;
        }

        var bytes = Convert.FromBase64String(protectedText[Version.Length..]);
        var nonceSize = AesGcm.NonceByteSizes.MaxSize;
        var tagSize = AesGcm.TagByteSizes.MaxSize;
        if (bytes.Length < nonceSize + tagSize)
        {
            return null;
        }

        var plain = new byte[bytes.Length - nonceSize - tagSize];
        try
        {
            using var aes = new AesGcm(_encryptionKey, tagSize);
            aes.Decrypt(bytes.AsSpan(0, nonceSize), bytes.AsSpan(nonceSize + tagSize), bytes.AsSpan(nonceSize, tagSize), plain);
            return Encoding.UTF8.GetString(plain);
        }
        catch (AuthenticationTagMismatchException)
        {
            return null;
        }
    }

    /// <summary>A stable, keyed lookup value for an identifier (never reversible without the key).</summary>
    public string Hash(string value) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(value)))[..40];

    private static byte[] Decode(string base64, string name, int? exactly)
    {
        byte[] key;
        try
        {
            key = Convert.FromBase64String(base64);
        }
        catch (FormatException e)
        {
            throw new InvalidOperationException($"Privacy:{name} is not base64.", e);
        }

        if ((exactly is { } n && key.Length != n) || key.Length < 32)
        {
            throw new InvalidOperationException($"Privacy:{name} must be {exactly?.ToString() ?? "at least 32"} bytes.");
        }

        return key;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Privacy:EncryptionKey/HashKey are not configured: using a random key for this process only (development). Configure both in production.")]
    private static partial void LogEphemeralKeys(ILogger logger);
}
