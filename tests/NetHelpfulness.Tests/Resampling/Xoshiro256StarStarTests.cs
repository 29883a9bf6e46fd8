
using System.Runtime.Intrinsics;
using NetHelpfulness.Estimation;
using NetHelpfulness.Randomness;

namespace NetHelpfulness.Tests.Resampling;

/// <summary>The generator as the bootstrap uses it: per-replicate streams and 32-bit bounded draws.</summary>
public class Xoshiro256StarStarTests
{
    [Fact]
    public void A_zero_bound_is_refused()
    {
        var generator = Xoshiro256StarStar.ForReplicate(1, 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => generator.NextBounded(0));
    }

    [Fact]
    public void Replicate_streams_repeat_for_the_same_seed_and_index_and_differ_otherwise()
    {
        static ulong[] First(ulong seed, long replicate)
        {
            var g = Xoshiro256StarStar.ForReplicate(seed, replicate);
            return [g.NextUInt64(), g.NextUInt64(), g.NextUInt64()];
        }

        Assert.Equal(First(42, 7), First(42, 7));
        Assert.NotEqual(First(42, 7), First(42, 8));
        Assert.NotEqual(First(42, 7), First(43, 7));
    }

    [Fact]
    public void Bounded_draws_are_uniform_by_a_chi_square_test()
    {
        // Seeded: 70,000 draws into 7 cells from both the 64-bit and the 32-bit bounded draws; the statistic must stay
        // below the 0.999 quantile of chi-square with 6 degrees of freedom (22.46).
        var generator = Xoshiro256StarStar.ForReplicate(2026, 1);
        var counts64 = new int[7];
        var counts32 = new int[7];
        for (var k = 0; k < 70_000; k++)
        {
            counts64[generator.NextBounded(7)]++;
            var bits = generator.NextUInt64();
            counts32[generator.Bounded32((bits & uint.MaxValue) * 7, 7)]++;
        }

        foreach (var counts in new[] { counts64, counts32 })
        {
            var chiSquare = counts.Sum(c => (c - 10_000.0) * (c - 10_000.0) / 10_000.0);
            Assert.InRange(chiSquare, 0, 22.46);
        }
    }

    [VectorLanesTheory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(7u)]
    [InlineData(605u)]
    [InlineData(3u << 30)]          // rejects a quarter of the halves: the lanes fall out of step with each other
    [InlineData(uint.MaxValue)]
    public void Vector_lanes_draw_what_each_replicates_own_stream_draws(uint bound)
    {
        const ulong Seed = 77;
        const long First = 40;
        var lanes = Xoshiro256StarStarLanes.ForReplicates(Seed, First);
        var scalar = Enumerable.Range(0, Xoshiro256StarStarLanes.Count).Select(k => Xoshiro256StarStar.ForReplicate(Seed, First + k)).ToArray();
        for (var step = 0; step < 3_000; step++)
        {
            var wantHigh = step % 5 != 4;  // as a stratum's odd last draw, now and then only the low half
            var (low, high) = lanes.NextBoundedPair(bound, wantHigh);
            for (var k = 0; k < scalar.Length; k++)
            {
                var bits = scalar[k].NextUInt64();
                Assert.Equal(scalar[k].Bounded32((bits & uint.MaxValue) * bound, bound), low.GetElement(k));
                if (wantHigh)
                {
                    Assert.Equal(scalar[k].Bounded32((bits >> 32) * bound, bound), high.GetElement(k));
                }
            }
        }

        // Still in step afterwards: the next raw outputs agree too.
        var next = lanes.NextUInt64();
        Assert.Equal(scalar.Select(g => g.NextUInt64()), Enumerable.Range(0, scalar.Length).Select(k => next.GetElement(k)));
    }

    [VectorLanesFact]
    public void Vector_lane_draws_are_uniform_where_rejection_matters_by_a_chi_square_test()
    {
        // Bound 3·2³⁰: without rejection, v = ⌊x·3/4⌋ of 32 random bits x is ≡ 0 (mod 3) half the time, not a third
        // (χ² ≈ 4,000 here). Seeded, 16 × 2,000 draws; below the 0.999 quantile of χ² with 2 degrees of freedom (13.82).
        const uint Bound = 3u << 30;
        var lanes = Xoshiro256StarStarLanes.ForReplicates(2026, 0);
        var counts = new int[3];
        for (var step = 0; step < 2_000; step++)
        {
            var (low, high) = lanes.NextBoundedPair(Bound, wantHigh: true);
            for (var k = 0; k < Xoshiro256StarStarLanes.Count; k++)
            {
                Assert.InRange(low.GetElement(k), 0UL, Bound - 1UL);
                Assert.InRange(high.GetElement(k), 0UL, Bound - 1UL);
                counts[low.GetElement(k) % 3]++;
                counts[high.GetElement(k) % 3]++;
            }
        }

        var expected = counts.Sum() / 3.0;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.InRange(chiSquare, 0, 13.82);
    }
}
