using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Hosting;
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
/// Refuses start-up on keys that are not base64 or not the right length, in every environment, and on missing keys
/// outside the Development host environment. Messages name the setting, never its value.
/// </summary>
public sealed class PrivacyOptionsValidation(IHostEnvironment environment) : IValidateOptions<PrivacyOptions>
{
    public ValidateOptionsResult Validate(string? name, PrivacyOptions options)
    {
        var encryption = string.IsNullOrEmpty(options.EncryptionKey);
        var hash = string.IsNullOrEmpty(options.HashKey);
        if (encryption && hash && environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        if (encryption || hash)
        {
            problems.Add(environment.IsDevelopment()
                ? "Privacy:EncryptionKey and Privacy:HashKey are given together or not at all."
                : $"Privacy:EncryptionKey and Privacy:HashKey are required outside the Development environment (it is {environment.EnvironmentName}): residents' phone numbers and WeChat ids are stored with them.");
        }

        problems.AddRange(new[]
        {
            PersonalDataProtector.KeyProblem(options.EncryptionKey, nameof(PrivacyOptions.EncryptionKey), exactly: PersonalDataProtector.EncryptionKeyBytes),
            PersonalDataProtector.KeyProblem(options.HashKey, nameof(PrivacyOptions.HashKey), exactly: null),
        }.OfType<string>());
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>
/// Phone numbers and WeChat ids are stored encrypted (AES-GCM) and found by a keyed hash (HMAC-SHA256),
/// so a leaked table leaks neither. Without configured keys (the Development environment only, see
/// <see cref="PrivacyOptionsValidation"/>) a random key per process is used and a warning logged: contacts stored by an
/// earlier run can then not be read back.
/// </summary>
public sealed partial class PersonalDataProtector
{
    /// <summary>AES-256.</summary>
    public const int EncryptionKeyBytes = 32;

    private const int MinimumHashKeyBytes = 32;
    private const string Version = "v1:";
    private readonly byte[] _encryptionKey;
    private readonly byte[] _hashKey;

    public PersonalDataProtector(IOptions<PrivacyOptions> options, ILogger<PersonalDataProtector> logger)
    {
        var value = options.Value;
        if (string.IsNullOrEmpty(value.EncryptionKey) || string.IsNullOrEmpty(value.HashKey))
        {
            LogEphemeralKeys(logger);
            _encryptionKey = RandomNumberGenerator.GetBytes(EncryptionKeyBytes);
            _hashKey = RandomNumberGenerator.GetBytes(MinimumHashKeyBytes);
            return;
        }

        _encryptionKey = Decode(value.EncryptionKey, nameof(PrivacyOptions.EncryptionKey), exactly: EncryptionKeyBytes);
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

    /// <summary>What is wrong with a configured key (null when it is fine or not given), naming the setting and not the value.</summary>
    public static string? KeyProblem(string? base64, string name, int? exactly)
    {
        if (string.IsNullOrEmpty(base64))
        {
            return null;
        }

        var key = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, key, out var length))
        {
            return $"Privacy:{name} is not base64 (make one with: openssl rand -base64 32).";
        }

        return (exactly is { } n && length != n) || length < MinimumHashKeyBytes
            ? $"Privacy:{name} must be {exactly?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "at least " + MinimumHashKeyBytes} bytes once decoded, not {length} (make one with: openssl rand -base64 32)."
            : null;
    }

    private static byte[] Decode(string base64, string name, int? exactly) =>
        KeyProblem(base64, name, exactly) is { } problem ? throw new InvalidOperationException(problem) : Convert.FromBase64String(base64);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Privacy:EncryptionKey/HashKey are not configured: using a random key for this process only (Development environment). Configure both everywhere else.")]
    private static partial void LogEphemeralKeys(ILogger logger);
}
