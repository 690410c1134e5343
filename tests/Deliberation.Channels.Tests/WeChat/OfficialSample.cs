namespace Deliberation.Channels.Tests.WeChat;

/// <summary>
/// The decryption example of WeChat's published message encryption sample code (加解密示例, e.g. Sample.py of
/// WXBizMsgCrypt): these values are copied from it, and they check each other — the msg_signature is the SHA-1 of
/// token, timestamp, nonce and this Encrypt, and the Encrypt decrypts under this key to a message ending in this AppId.
/// </summary>
internal static class OfficialSample
{
    public const string Token = "spamtest";
    public const string EncodingAesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    public const string AppId = "wx2c2769f8efd9abc2";
    public const string Timestamp = "1409735669";
    public const string Nonce = "1320562132";
    public const string MsgSignature = "5d197aaffba7e9b25a30732f161a50dee96bd5fa";

    public const string Encrypt =
        "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=";

    /// <summary>The EncodingAESKey of WeChat's documentation examples for other languages; used for round trips here.</summary>
    public const string DocumentationKey = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
}
