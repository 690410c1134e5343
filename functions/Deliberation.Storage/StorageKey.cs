namespace Deliberation.Storage;

/// <summary>
/// What Azure Tables accepts as a PartitionKey or RowKey: at most 1 KiB, without '/', '\', '#', '?' or control
/// characters (U+0000–U+001F, U+007F–U+009F). An id from outside that fails this can name no stored row: readers
/// answer "not found" instead of sending it to storage, which would fail the request.
/// </summary>
public static class StorageKey
{
    /// <summary>The longest key Azure Tables stores, in UTF-16 characters (1 KiB).</summary>
    public const int MaxLength = 512;

    public static bool IsValid(string? key) =>
        key is { Length: > 0 and <= MaxLength } && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
