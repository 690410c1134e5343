using System.Security.Cryptography;
using System.Text;

namespace Deliberation.TestSupport.WeChat;

/// <summary>
/// WeChat's safe-mode encryption written again, straight from the published description and independently of
/// the production code, so that tests of one check the other: key = Base64(EncodingAESKey + "="), AES-256-CBC,
/// IV = key[0..16], PKCS#7 to 32-byte blocks, plaintext = random(16) ‖ big-endian length(4) ‖ XML ‖ AppId;
/// signatures are SHA-1 hex of the sorted, concatenated parts.
/// </summary>
internal static class IndependentWeChatCrypto
{
    public static string Sign(params string[] parts)
    {
        var list = new List<string>(parts);
        list.Sort(string.CompareOrdinal);
#pragma warning disable CA5350 // WeChat's protocol is SHA-1.
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(string.Join("", list)));
#pragma warning restore CA5350
        return string.Concat(hash.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
    }

    public static string Encrypt(string encodingAesKey, string appId, string xml, byte[]? random = null)
    {
        var key = Convert.FromBase64String(encodingAesKey + "=");
        random ??= RandomNumberGenerator.GetBytes(16);
        var xmlBytes = Encoding.UTF8.GetBytes(xml);
        var length = new[] { (byte)(xmlBytes.Length >> 24), (byte)(xmlBytes.Length >> 16), (byte)(xmlBytes.Length >> 8), (byte)xmlBytes.Length };
        var plain = new List<byte>();
        plain.AddRange(random);
        plain.AddRange(length);
        plain.AddRange(xmlBytes);
        plain.AddRange(Encoding.UTF8.GetBytes(appId));
        var pad = 32 - (plain.Count % 32);
        plain.AddRange(Enumerable.Repeat((byte)pad, pad));

        using var aes = Aes.Create();
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.None;
        using var encryptor = aes.CreateEncryptor(key, key[..16]);
        var input = plain.ToArray();
        return Convert.ToBase64String(encryptor.TransformFinalBlock(input, 0, input.Length));
    }

    /// <summary>(xml, appId, padding byte) of an Encrypt value.</summary>
    public static (string Xml, string AppId, int Pad) Decrypt(string encodingAesKey, string encrypt)
    {
        var key = Convert.FromBase64String(encodingAesKey + "=");
        var cipher = Convert.FromBase64String(encrypt);
        using var aes = Aes.Create();
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.None;
        using var decryptor = aes.CreateDecryptor(key, key[..16]);
        var plain = decryptor.TransformFinalBlock(cipher, 0, cipher.Length);
        int pad = plain[^1];
        var content = plain[..^pad];
        var length = (content[16] << 24) | (content[17] << 16) | (content[18] << 8) | content[19];
        return (Encoding.UTF8.GetString(content, 20, length), Encoding.UTF8.GetString(content[(20 + length)..]), pad);
    }
}
