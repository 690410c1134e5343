using System.Text;

namespace Deliberation.Channels.Sms;

/// <summary>An <c>application/x-www-form-urlencoded</c> body as ordered name/value pairs (names may repeat).</summary>
public static class FormBody
{
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(ReadOnlySpan<byte> body) => Parse(Encoding.UTF8.GetString(body));

    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string body)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? part : part[..equals];
            var value = equals < 0 ? "" : part[(equals + 1)..];
            pairs.Add(new(Decode(name), Decode(value)));
        }

        return pairs;
    }

    /// <summary>The first value of <paramref name="name"/>, or null.</summary>
    public static string? Value(this IReadOnlyList<KeyValuePair<string, string>> form, string name) =>
        form.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Value;

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
