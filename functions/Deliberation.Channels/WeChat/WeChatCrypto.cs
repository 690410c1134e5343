using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Deliberation.Channels.WeChat;

/// <summary>A safe-mode message that cannot be decrypted, or that was encrypted for another official account.</summary>
public sealed class WeChatCryptoException(string message) : Exception(message);

/// <summary>
/// WeChat's safe mode (安全模式) message encryption: AES-256-CBC with key = Base64(EncodingAESKey + "="),
/// IV = the first 16 key bytes, PKCS#7 padding to 32-byte blocks (not AES's 16), over
/// random(16) ‖ length(4, big-endian) ‖ message ‖ AppId.
/// </summary>
public sealed class WeChatCrypto
{
    /// <summary>WeChat pads to 32 bytes, so the padding byte is 1..32.</summary>
    public const int BlockSize = 32;

    private readonly byte[] _key;
    private readonly byte[] _appId;

    public WeChatCrypto(string encodingAesKey, string appId)
    {
        if (!IsValidKey(encodingAesKey))
        {
            throw new ArgumentException("An EncodingAESKey is 43 Base64 characters.", nameof(encodingAesKey));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(appId);
        _key = Convert.FromBase64String(encodingAesKey + "=");
        _appId = Encoding.UTF8.GetBytes(appId);
    }

    public static bool IsValidKey(string? encodingAesKey)
    {
        if (encodingAesKey is not { Length: 43 })
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[33];
        return Convert.TryFromBase64String(encodingAesKey + "=", buffer, out var written) && written == 32;
    }

    /// <summary>The Base64 ciphertext for the Encrypt element, with the 16 random bytes given (fresh ones in production).</summary>
    public string Encrypt(string message, ReadOnlySpan<byte> random16)
    {
        if (random16.Length != 16)
        {
            throw new ArgumentException("16 random bytes are needed.", nameof(random16));
        }

        var body = Encoding.UTF8.GetBytes(message);
        var length = 16 + 4 + body.Length + _appId.Length;
        var pad = BlockSize - (length % BlockSize);
        var plain = new byte[length + pad];
        random16.CopyTo(plain);
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), body.Length);
        body.CopyTo(plain, 20);
        _appId.CopyTo(plain, 20 + body.Length);
        plain.AsSpan(length).Fill((byte)pad);

        using var aes = Aes.Create();
        aes.Key = _key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, _key.AsSpan(0, 16), PaddingMode.None));
    }

    public string Encrypt(string message) => Encrypt(message, RandomNumberGenerator.GetBytes(16));

    /// <summary>The message inside an Encrypt value; throws <see cref="WeChatCryptoException"/> when it is not ours or not well-formed.</summary>
    public string Decrypt(string encrypt)
    {
        byte[] cipher;
        try
        {
            cipher = Convert.FromBase64String(encrypt);
        }
        catch (FormatException)
        {
            throw new WeChatCryptoException("Encrypt is not Base64.");
        }

        if (cipher.Length == 0 || cipher.Length % 16 != 0)
        {
            throw new WeChatCryptoException("Encrypt is not a whole number of AES blocks.");
        }

        using var aes = Aes.Create();
        aes.Key = _key;
        var plain = aes.DecryptCbc(cipher, _key.AsSpan(0, 16), PaddingMode.None);

        int pad = plain[^1];
        if (pad is < 1 or > BlockSize || pad > plain.Length || plain.AsSpan(plain.Length - pad).ContainsAnyExcept((byte)pad))
        {
            throw new WeChatCryptoException("Bad padding.");
        }

        var content = plain.AsSpan(0, plain.Length - pad);
        if (content.Length < 20)
        {
            throw new WeChatCryptoException("Too short.");
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(content.Slice(16, 4));
        if (length < 0 || length > content.Length - 20)
        {
            throw new WeChatCryptoException("Bad message length.");
        }

        if (!content[(20 + length)..].SequenceEqual(_appId))
        {
            throw new WeChatCryptoException("The message was encrypted for another AppId.");
        }

        return Encoding.UTF8.GetString(content.Slice(20, length));
    }
}
