using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace NetHelpfulness.Randomness;

/// <summary>
/// Eight xoshiro256** streams stepped together, one in each 64-bit lane of 512-bit vectors: lane k is
/// <see cref="Xoshiro256StarStar.ForReplicate"/>(seed, first + k), and draws exactly the numbers that generator draws.
/// </summary>
/// <remarks>
/// <para>One step costs a handful of vector instructions for eight outputs, where eight scalar generators cost eight
/// times as many; the bootstrap's draws are most of its work, so this is where its time goes. Only where
/// <see cref="IsSupported"/> (AVX-512); elsewhere the bootstrap steps its scalar generators one by one, with the same result.</para>
/// <para>Bounded draws (<see cref="NextBoundedPair"/>) are Lemire's (2019) on the low and the high 32 bits of one output,
/// as <see cref="Xoshiro256StarStar.Bounded32"/>. A lane whose product falls in the rejection zone (probability about
/// bound / 2³² per draw) is finished by that scalar method on the lane's own state, which then draws its fresh outputs, so
/// the lane stays the very stream of its scalar generator, however often the others reject.</para>
/// </remarks>
internal struct Xoshiro256StarStarLanes
{
    /// <summary>Streams stepped together.</summary>
    public const int Count = 8;

    private Vector512<ulong> _s0, _s1, _s2, _s3;

    /// <summary>Whether the machine runs 512-bit vectors (AVX-512) natively; otherwise this type must not be used.</summary>
    public static bool IsSupported => Vector512.IsHardwareAccelerated && Avx512F.IsSupported;

    /// <summary>Lanes 0..7 are the replicate streams <paramref name="first"/>..<paramref name="first"/> + 7 under <paramref name="seed"/>.</summary>
    public static Xoshiro256StarStarLanes ForReplicates(ulong seed, long first)
    {
        Span<ulong> state = stackalloc ulong[4 * Count];
        for (var k = 0; k < Count; k++)
        {
            (state[k], state[Count + k], state[(2 * Count) + k], state[(3 * Count) + k]) = Xoshiro256StarStar.ForReplicate(seed, first + k).State;
        }

        return new Xoshiro256StarStarLanes
        {
            _s0 = Vector512.Create<ulong>(state[..Count]),
            _s1 = Vector512.Create<ulong>(state[Count..]),
            _s2 = Vector512.Create<ulong>(state[(2 * Count)..]),
            _s3 = Vector512.Create<ulong>(state[(3 * Count)..]),
        };
    }

    /// <summary>The next 64 random bits of every lane (<see cref="Xoshiro256StarStar.NextUInt64"/>, lane by lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<ulong> NextUInt64()
    {
        var times5 = _s1 + (_s1 << 2);
        var rotated = Avx512F.RotateLeft(times5, 7);
        var result = rotated + (rotated << 3);
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = Avx512F.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>
    /// Two uniform integers in [0, <paramref name="bound"/>) per lane from one output, its low 32 bits giving
    /// <see cref="LaneDraws.Low"/> and its high 32 bits <see cref="LaneDraws.High"/>, exactly as a scalar generator's
    /// <see cref="Xoshiro256StarStar.Bounded32"/> on each half in that order. Without <paramref name="wantHigh"/> the high
    /// half is not used (and not rejected on), as when a stratum's last draw is odd.
    /// </summary>
    /// <remarks>The rare lanes are finished on a copy of the state, handed back by value: a reference to the state would
    /// keep it in memory, not registers, in the caller's whole loop.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LaneDraws NextBoundedPair(uint bound, bool wantHigh)
    {
        var bits = NextUInt64();
        var bounds = Vector512.Create((ulong)bound);
        var lowProduct = Avx512F.Multiply(bits.AsUInt32(), bounds.AsUInt32());
        var highProduct = Avx512F.Multiply((bits >> 32).AsUInt32(), bounds.AsUInt32());
        var lowHalf = Vector512.Create((ulong)uint.MaxValue);
        var suspect = Vector512.LessThan(lowProduct & lowHalf, bounds);
        if (wantHigh)
        {
            suspect |= Vector512.LessThan(highProduct & lowHalf, bounds);
        }

        var draws = new LaneDraws(lowProduct >> 32, highProduct >> 32);
        if (suspect != Vector512<ulong>.Zero)
        {
            (this, draws) = FinishSuspects(this, suspect, lowProduct, highProduct, bound, wantHigh, draws);
        }

        return draws;
    }

    /// <summary>The lanes whose product may need rejection, each finished by its own scalar generator on the lane's state.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (Xoshiro256StarStarLanes Streams, LaneDraws Draws) FinishSuspects(Xoshiro256StarStarLanes streams, Vector512<ulong> suspect,
        Vector512<ulong> lowProduct, Vector512<ulong> highProduct, uint bound, bool wantHigh, LaneDraws draws)
    {
        var (low, high) = (draws.Low, draws.High);
        for (var k = 0; k < Count; k++)
        {
            if (suspect.GetElement(k) == 0)
            {
                continue;
            }

            var lane = new Xoshiro256StarStar(streams._s0.GetElement(k), streams._s1.GetElement(k), streams._s2.GetElement(k), streams._s3.GetElement(k));
            low = low.WithElement(k, (ulong)lane.Bounded32(lowProduct.GetElement(k), bound));
            if (wantHigh)
            {
                high = high.WithElement(k, (ulong)lane.Bounded32(highProduct.GetElement(k), bound));
            }

            var (s0, s1, s2, s3) = lane.State;
            streams._s0 = streams._s0.WithElement(k, s0);
            streams._s1 = streams._s1.WithElement(k, s1);
            streams._s2 = streams._s2.WithElement(k, s2);
            streams._s3 = streams._s3.WithElement(k, s3);
        }

        return (streams, new LaneDraws(low, high));
    }
}

/// <summary>One bounded draw per lane from each half of one output of <see cref="Xoshiro256StarStarLanes"/>.</summary>
internal readonly record struct LaneDraws(Vector512<ulong> Low, Vector512<ulong> High);
