using System.Buffers;

namespace Deliberation.Classification.Text;

/// <summary>
/// Turns a normalised text into hashed features: character n-grams over each run of Chinese characters
/// and whole tokens of other letters or digits (a number becomes one shared token).
/// </summary>
internal sealed class FeatureHasher(int hashBits, int minNGram, int maxNGram)
{
    private const uint FnvOffset = 2166136261;
    private const uint FnvPrime = 16777619;
    private readonly uint mask = (1u << hashBits) - 1;

    /// <summary>Appends the hashed features of <paramref name="normalised"/> to <paramref name="features"/>.</summary>
    public void Extract(ReadOnlySpan<char> normalised, PooledInts features)
    {
        var i = 0;
        while (i < normalised.Length)
        {
            var c = normalised[i];
            if (TextNormaliser.IsChinese(c))
            {
                var start = i;
                while (i < normalised.Length && TextNormaliser.IsChinese(normalised[i])) i++;
                AddNGrams(normalised[start..i], features);
            }
            else if (char.IsLetterOrDigit(c))
            {
                var start = i;
                var allDigits = true;
                while (i < normalised.Length && char.IsLetterOrDigit(normalised[i]) && !TextNormaliser.IsChinese(normalised[i]))
                {
                    allDigits &= char.IsAsciiDigit(normalised[i]);
                    i++;
                }

                var word = normalised[start..i];

                // Crude English plural folding: "streetlights" matches "streetlight"; "address" stays.
                if (word.Length > 3 && word[^1] == 's' && word[^2] != 's') word = word[..^1];
                features.Add(allDigits ? Hash(0xD16, "0") : Hash(0x3D, word));
            }
            else
            {
                i++;
            }
        }
    }

    private void AddNGrams(ReadOnlySpan<char> run, PooledInts features)
    {
        for (var n = minNGram; n <= maxNGram; n++)
        {
            for (var start = 0; start + n <= run.Length; start++)
            {
                features.Add(Hash((uint)n, run.Slice(start, n)));
            }
        }
    }

    private int Hash(uint kind, ReadOnlySpan<char> chars)
    {
        var h = FnvOffset ^ (kind * 0x9E3779B1u);
        foreach (var c in chars)
        {
            h = (h ^ c) * FnvPrime;
        }

        // Finalise (murmur3 fmix32) so the low bits that the mask keeps are well mixed.
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return (int)(h & mask);
    }
}

/// <summary>A growable int buffer on the shared array pool; return it with <see cref="Dispose"/>.</summary>
internal sealed class PooledInts : IDisposable
{
    private int[] items;

    public PooledInts(int capacity)
    {
        items = ArrayPool<int>.Shared.Rent(Math.Max(16, capacity));
    }

    public int Count { get; private set; }

    public Span<int> Span => items.AsSpan(0, Count);

    public void Add(int value)
    {
        if (Count == items.Length)
        {
            var bigger = ArrayPool<int>.Shared.Rent(items.Length * 2);
            items.AsSpan(0, Count).CopyTo(bigger);
            ArrayPool<int>.Shared.Return(items);
            items = bigger;
        }

        items[Count++] = value;
    }

    public void Dispose()
    {
        if (items.Length > 0)
        {
            ArrayPool<int>.Shared.Return(items);
            items = [];
        }
    }
}
