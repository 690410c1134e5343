using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Deliberation.Storage.Cases;

/// <summary>
/// The rows of one case's partition: its state, its append-only timeline, the record of each message it was
/// handed, and the reporters' contacts.
/// </summary>
internal static partial class CaseRows
{
    public const string State = "state";
    public const string Reporter = "reporter";
    public const string CoReporterPrefix = "coreporter|";
    public const string CoReporterEnd = "coreporter|~";
    public const string TimelinePrefix = "evt|";
    public const string MessagePrefix = "msg|";

    public static string Timeline(int version) => $"{TimelinePrefix}{version:D8}";

    /// <summary>A staff timeline row for a message the case refused: after the row of the version it found, never replacing it.</summary>
    public static string Refusal(int version, string messageId) => $"{Timeline(version)}|refused|{SafeKeyOrHash(messageId)}";

    /// <summary>Message ids come from outside; ones that are not safe as a RowKey are hashed.</summary>
    public static string Message(string messageId) =>
        MessagePrefix + (SafeKey().IsMatch(messageId) ? messageId : "sha256-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(messageId))));

    public static string SafeKeyOrHash(string value) =>
        SafeKey().IsMatch(value) ? value : "sha256-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    [GeneratedRegex("^[A-Za-z0-9._:@=+-]{1,200}$")]
    private static partial Regex SafeKey();
}

/// <summary>Public access to the RowKey-safe form of an outside id.</summary>
public static class CaseRowsKey
{
    public static string For(string id) => CaseRows.SafeKeyOrHash(id);
}
