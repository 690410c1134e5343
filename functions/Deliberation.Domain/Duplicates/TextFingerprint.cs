using System.Text;

namespace Deliberation.Domain.Duplicates;

/// <summary>
/// A MinHash signature of a text's characters and character bigrams (shingles), with place names and
/// filler characters taken out so that what is compared is the matter, not the address: two texts'
/// signatures agree in about the same share of positions as their shingle sets overlap (Jaccard
/// similarity). Deterministic: the same text gives the same signature in every process.
/// </summary>
public sealed class TextFingerprint
{
    public const int Size = 128;
    private const string Filler = "的了在是有很都又就也还那这个们把被一呢吧啊呀";
    private static readonly ulong[] Seeds = BuildSeeds();

    private TextFingerprint(uint[] signature) => Signature = signature;

    public IReadOnlyList<uint> Signature { get; }

    /// <param name="text">The report.</param>
    /// <param name="placeNames">Names to leave out (the town's places), longest first is not required.</param>
    public static TextFingerprint Of(string text, IEnumerable<string>? placeNames = null)
    {
        foreach (var place in (placeNames ?? []).OrderByDescending(p => p.Length))
        {
            text = text.Replace(place, " ", StringComparison.OrdinalIgnoreCase);
        }

        var normalised = Normalise(text);
        var signature = Enumerable.Repeat(uint.MaxValue, Size).ToArray();
        for (var i = 0; i < normalised.Length; i++)
        {
            Add(signature, normalised[i]);
            if (i + 1 < normalised.Length)
            {
                Add(signature, 0x1_0000_0000UL | ((ulong)normalised[i] << 16) | normalised[i + 1]);
            }
        }

        return new TextFingerprint(signature);
    }

    private static void Add(uint[] signature, ulong shingle)
    {
        for (var k = 0; k < Size; k++)
        {
            var hash = (uint)(Mix(shingle ^ Seeds[k]) >> 32);
            if (hash < signature[k])
            {
                signature[k] = hash;
            }
        }
    }

    /// <summary>Estimated Jaccard similarity of the two texts' bigram sets (0…1).</summary>
    public double Similarity(TextFingerprint other)
    {
        var same = 0;
        for (var k = 0; k < Size; k++)
        {
            if (Signature[k] == other.Signature[k] && Signature[k] != uint.MaxValue)
            {
                same++;
            }
        }

        return (double)same / Size;
    }

    public string Serialize()
    {
        var bytes = new byte[Size * 4];
        for (var k = 0; k < Size; k++)
        {
            BitConverter.TryWriteBytes(bytes.AsSpan(k * 4), Signature[k]);
        }

        return Convert.ToBase64String(bytes);
    }

    public static TextFingerprint Deserialize(string value)
    {
        var bytes = Convert.FromBase64String(value);
        if (bytes.Length != Size * 4)
        {
            throw new FormatException("Not a text fingerprint.");
        }

        var signature = new uint[Size];
        for (var k = 0; k < Size; k++)
        {
            signature[k] = BitConverter.ToUInt32(bytes, k * 4);
        }

        return new TextFingerprint(signature);
    }

    /// <summary>Letters and digits only, ASCII lower-cased, full-width folded; punctuation and spaces carry no meaning here.</summary>
    internal static string Normalise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var raw in text.Normalize(NormalizationForm.FormKC))
        {
            if (char.IsLetterOrDigit(raw) && !Filler.Contains(raw, StringComparison.Ordinal))
            {
                builder.Append(char.ToLowerInvariant(raw));
            }
        }

        return builder.ToString();
    }

    private static ulong Mix(ulong x)
    {
        // SplitMix64 finaliser: a fast, well-distributed 64-bit hash.
        x ^= x >> 30;
        x *= 0xBF58476D1CE4E5B9UL;
        x ^= x >> 27;
        x *= 0x94D049BB133111EBUL;
        x ^= x >> 31;
        return x;
    }

    private static ulong[] BuildSeeds()
    {
        var seeds = new ulong[Size];
        var state = 0x9E3779B97F4A7C15UL;
        for (var k = 0; k < Size; k++)
        {
            state += 0x9E3779B97F4A7C15UL;
            seeds[k] = Mix(state);
        }

        return seeds;
    }
}
