namespace Deliberation.Classification.Text;

/// <summary>Folds common traditional characters to their simplified form, one character for one.</summary>
internal static partial class TraditionalChinese
{
    /// <summary>The number of traditional characters the map knows.</summary>
    public static int Count => Pairs.Length / 2;

    /// <summary>Adds the pairs to a per-character fold table.</summary>
    public static void AddTo(char[] table)
    {
        for (var i = 0; i + 1 < Pairs.Length; i += 2)
        {
            table[Pairs[i]] = Pairs[i + 1];
        }
    }
}
