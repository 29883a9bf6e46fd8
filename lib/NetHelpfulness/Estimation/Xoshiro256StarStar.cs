using System.Numerics;
using System.Runtime.CompilerServices;

namespace NetHelpfulness;

/// <summary>
/// The xoshiro256** 1.0 pseudo-random generator (Blackman and Vigna 2021), seeded by SplitMix64, so that every
/// bootstrap replicate has its own stream that depends only on the seed and the replicate's index.
/// </summary>
/// <remarks>
/// <para>Blackman, D. and Vigna, S. (2021), "Scrambled linear pseudorandom number generators", ACM Transactions on
/// Mathematical Software 47(4):36. Output: rotl(s1·5, 7)·9; state update as in the authors' reference code.</para>
/// <para>We use our own generator instead of <see cref="Random"/>, whose algorithm may change between .NET versions:
/// a published seed must reproduce a published interval.</para>
/// </remarks>
internal struct Xoshiro256StarStar
{
    private const ulong Golden = 0x9E3779B97F4A7C15;

    // An odd constant (from the R2 sequence), so that replicate ↦ replicate·constant is a bijection.
    private const ulong ReplicateMultiplier = 0xD1B54A32D192ED03;

    // Four fields only, so that the JIT keeps the state in registers.
    private ulong _s0, _s1, _s2, _s3;

    /// <summary>Creates a generator from its four state words (not all zero).</summary>
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("the state of xoshiro256** must not be all zero");
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>
    /// The generator of replicate <paramref name="replicate"/> under <paramref name="seed"/>: its state is the next four
    /// outputs of SplitMix64 started at Mix(seed) XOR replicate·0xD1B54A32D192ED03.
    /// </summary>
    public static Xoshiro256StarStar ForReplicate(ulong seed, long replicate)
    {
        var x = SplitMix64Mix(seed) ^ ((ulong)replicate * ReplicateMultiplier);
        var s0 = SplitMix64Next(ref x);
        var s1 = SplitMix64Next(ref x);
        var s2 = SplitMix64Next(ref x);
        var s3 = SplitMix64Next(ref x);
        if ((s0 | s1 | s2 | s3) == 0)
        {
            s0 = Golden; // never happens in practice; the state must not be all zero
        }

        return new Xoshiro256StarStar(s0, s1, s2, s3);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without bias (Lemire 2019, multiply-and-reject).</summary>
    /// <remarks>Lemire, D. (2019), "Fast random integer generation in an interval", ACM TOMACS 29(1):3.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is 0.</exception>
    public ulong NextBounded(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var high = Math.BigMul(Next(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(Next(), bound, out low);
            }
        }

        return high;
    }

    /// <summary>
    /// Completes a 32-bit bounded draw (Lemire 2019): given the product of 32 random bits and <paramref name="bound"/>,
    /// rejects while its low half lies below 2³² mod bound (drawing the low 32 bits of fresh outputs), and returns the
    /// uniform integer in [0, bound), the product's high half.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Bounded32(ulong product, uint bound)
    {
        if ((uint)product < bound)
        {
            var threshold = (0 - bound) % bound;
            while ((uint)product < threshold)
            {
                product = (ulong)(uint)Next() * bound;
            }
        }

        return (uint)(product >> 32);
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014): advances <paramref name="state"/> and returns its output.</summary>
    public static ulong SplitMix64Next(ref ulong state)
    {
        state += Golden;
        return SplitMix64Mix(state);
    }

    private static ulong SplitMix64Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
