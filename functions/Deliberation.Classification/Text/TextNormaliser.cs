namespace Deliberation.Classification.Text;

/// <summary>
/// Makes texts written differently look alike before features are taken: full-width forms become half-width,
/// ASCII is lower-cased, common traditional characters become simplified, and whitespace between two Chinese
/// characters is dropped (so jieba-segmented, space-joined training text reads like raw text).
/// </summary>
public static class TextNormaliser
{
    // One lookup per character does width, case and script folding together.
    private static readonly char[] Fold = BuildFold();

    /// <summary>The normalised form of <paramref name="text"/>.</summary>
    public static string Normalise(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = text.Length <= 1024 ? stackalloc char[text.Length] : new char[text.Length];
        var length = Normalise(text, buffer);
        return new string(buffer[..length]);
    }

    /// <summary>Writes the normalised form of <paramref name="text"/> into <paramref name="output"/> (at least as long) and returns its length.</summary>
    public static int Normalise(ReadOnlySpan<char> text, Span<char> output)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var raw in text)
        {
            var c = Fold[raw];
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                if (!(IsChinese(output[length - 1]) && IsChinese(c)))
                {
                    output[length++] = ' ';
                }

                pendingSpace = false;
            }

            output[length++] = c;
        }

        return length;
    }

    /// <summary>True for CJK unified ideographs (basic block, extension A and the compatibility block).</summary>
    public static bool IsChinese(char c) => c is (>= '\u4E00' and <= '\u9FFF') or (>= '\u3400' and <= '\u4DBF') or (>= '\uF900' and <= '\uFAFF');

    private static char[] BuildFold()
    {
        var table = new char[char.MaxValue + 1];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = (char)i;
        }

        for (var c = 'A'; c <= 'Z'; c++)
        {
            table[c] = (char)(c + ('a' - 'A'));
        }

        // Full-width ASCII (！ to ～) and the ideographic space.
        for (var c = '\uFF01'; c <= '\uFF5E'; c++)
        {
            var half = (char)(c - 0xFEE0);
            table[c] = half is >= 'A' and <= 'Z' ? (char)(half + ('a' - 'A')) : half;
        }

        table['\u3000'] = ' ';
        TraditionalChinese.AddTo(table);
        return table;
    }
}
