
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
}
