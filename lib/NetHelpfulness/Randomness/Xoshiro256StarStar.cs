using System.Numerics;
using System.Runtime.CompilerServices;
using NetHelpfulness.Simulation;

namespace NetHelpfulness.Randomness;

/// <summary>
/// The xoshiro256** pseudo-random generator, seeded through SplitMix64: the same seed gives the same stream
/// on every platform and runtime, unlike <see cref="Random"/>, whose algorithm is not part of its contract.
/// </summary>
/// <remarks>
/// <para>Blackman and Vigna (2021), "Scrambled linear pseudorandom number generators", ACM Trans. Math. Softw.
/// 47(4):36. The 256-bit state is filled from the 64-bit seed by four SplitMix64 outputs, as the authors recommend
/// (Steele, Lea and Flood 2014, "Fast splittable pseudorandom number generators", OOPSLA).</para>
/// <para>Discrete draws (<see cref="NextBounded"/>) use integer arithmetic only; normal draws use
/// <see cref="PortableMath"/>, which uses only IEEE-754 basic operations, so they too are identical everywhere.
/// An instance is not thread-safe; give each thread its own.</para>
/// </remarks>
public sealed class Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>Creates a generator whose state is four SplitMix64 outputs from <paramref name="seed"/>.</summary>
    public Xoshiro256StarStar(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>Creates a generator from an explicit 256-bit state (not all zero), for reference tests.</summary>
    /// <exception cref="ArgumentException">All four words are zero, a state the generator never leaves.</exception>
    public Xoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        if ((s0 | s1 | s2 | s3) == 0)
        {
            throw new ArgumentException("the xoshiro256** state may not be all zero");
        }

        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    /// <summary>The 256-bit state, for <see cref="Xoshiro256StarStarLanes"/>, which steps several streams at once.</summary>
    internal (ulong S0, ulong S1, ulong S2, ulong S3) State => (_s0, _s1, _s2, _s3);

    /// <summary>
    /// The generator of stream <paramref name="replicate"/> under <paramref name="seed"/> (one per bootstrap replicate), so
    /// replicate r draws the same numbers whichever thread runs it: the state is four SplitMix64 outputs started at
    /// Mix(seed) XOR r·0xD1B54A32D192ED03.
    /// </summary>
    public static Xoshiro256StarStar ForReplicate(ulong seed, long replicate)
    {
        var x = Mix(seed) ^ ((ulong)replicate * 0xD1B54A32D192ED03UL);
        var s0 = SplitMix64(ref x);
        var s1 = SplitMix64(ref x);
        var s2 = SplitMix64(ref x);
        var s3 = SplitMix64(ref x);
        return (s0 | s1 | s2 | s3) == 0 ? new Xoshiro256StarStar(0x9E3779B97F4A7C15UL, 0, 0, 0) : new Xoshiro256StarStar(s0, s1, s2, s3);
    }

    /// <summary>
    /// Completes a 32-bit bounded draw (Lemire 2019): given the product of 32 random bits and <paramref name="bound"/>,
    /// rejects while its low half lies below 2³² mod bound (drawing the low 32 bits of fresh outputs), and returns the
    /// uniform integer in [0, bound), the product's high half. Lets a caller take two draws from one 64-bit output.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Bounded32(ulong product, uint bound)
    {
        if ((uint)product < bound)
        {
            var threshold = (0 - bound) % bound;
            while ((uint)product < threshold)
            {
                product = (ulong)(uint)NextUInt64() * bound;
            }
        }

        return (uint)(product >> 32);
    }

    /// <summary>One step of SplitMix64: advances <paramref name="state"/> and returns the next output.</summary>
    public static ulong SplitMix64(ref ulong state) => Mix(state += 0x9E3779B97F4A7C15UL);

    /// <summary>SplitMix64's output function (Steele, Lea and Flood 2014).</summary>
    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>The next 64 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
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

    /// <summary>A uniform integer in [0, <paramref name="bound"/>), without bias.</summary>
    /// <remarks>Lemire (2019), "Fast random integer generation in an interval", ACM TOMACS 29(1):3.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bound"/> is zero.</exception>
    public ulong NextBounded(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        var high = Math.BigMul(NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0 - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(NextUInt64(), bound, out low);
            }
        }

        return high;
    }

    /// <summary>A uniform double in [0, 1) with 53 random bits (a multiple of 2⁻⁵³).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw by Marsaglia's polar method.</summary>
    /// <remarks>
    /// Marsaglia and Bray (1964), "A convenient method for generating normal variables", SIAM Review 6(3):260–264:
    /// u, v uniform on (−1, 1) with s = u² + v² in (0, 1); then u·√(−2 ln s / s) and v·√(−2 ln s / s) are
    /// independent standard normals (the second is kept for the next call). The logarithm is
    /// <see cref="PortableMath.Log"/>, so draws are bit-identical on every platform.
    /// </remarks>
    public double NextStandardNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2 * NextDouble()) - 1;
            v = (2 * NextDouble()) - 1;
            s = (u * u) + (v * v);
        }
        while (s >= 1 || s == 0);

        var factor = Math.Sqrt(-2 * PortableMath.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates, Durstenfeld's version).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = (int)NextBounded((ulong)i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
