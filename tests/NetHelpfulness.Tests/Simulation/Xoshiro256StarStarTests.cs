using NetHelpfulness.Estimation;
using NetHelpfulness.Randomness;
using NetHelpfulness.Simulation;

namespace NetHelpfulness.Tests.Simulation;

/// <summary>
/// The generator against its reference outputs. Expected values come from an independent transcription of the
/// reference C code (prng.di.unimi.it/xoshiro256starstar.c and splitmix64.c) in Python:
/// <code>
/// M = 2**64 - 1; rotl = lambda x, k: ((x &lt;&lt; k) | (x &gt;&gt; (64 - k))) &amp; M
/// def xoshiro(s):  # s = [s0, s1, s2, s3]
///     r = rotl(s[1] * 5 &amp; M, 7) * 9 &amp; M; t = s[1] &lt;&lt; 17 &amp; M
///     s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45); return r
/// def splitmix(x):  # returns (new state, output)
///     x = x + 0x9E3779B97F4A7C15 &amp; M; z = x
///     z = (z ^ z &gt;&gt; 30) * 0xBF58476D1CE4E5B9 &amp; M; z = (z ^ z &gt;&gt; 27) * 0x94D049BB133111EB &amp; M
///     return x, z ^ z &gt;&gt; 31
/// </code>
/// </summary>
public class Xoshiro256StarStarTests
{
    [Fact]
    public void Matches_the_reference_stream_from_state_1_2_3_4()
    {
        var random = new Xoshiro256StarStar(1, 2, 3, 4);
        ulong[] expected = [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600];
        Assert.Equal(expected, expected.Select(_ => random.NextUInt64()).ToArray());
    }

    [Fact]
    public void SplitMix64_matches_the_reference_stream_from_zero()
    {
        ulong state = 0;
        Assert.Equal(0xE220A8397B1DCDAFUL, Xoshiro256StarStar.SplitMix64(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, Xoshiro256StarStar.SplitMix64(ref state));
        Assert.Equal(0x06C45D188009454FUL, Xoshiro256StarStar.SplitMix64(ref state));
    }

    [Fact]
    public void Seeding_fills_the_state_with_four_SplitMix64_outputs()
    {
        var seeded = new Xoshiro256StarStar(12345);
        var explicitState = new Xoshiro256StarStar(2454886589211414944, 3778200017661327597, 2205171434679333405, 3248800117070709450);
        ulong[] expected = [13720838825685603483, 2398916695208396998, 17770384849984869256, 891717726879801395];
        Assert.Equal(expected, expected.Select(_ => seeded.NextUInt64()).ToArray());
        Assert.Equal(expected, expected.Select(_ => explicitState.NextUInt64()).ToArray());
    }

    [Fact]
    public void An_all_zero_state_is_refused()
    {
        Assert.Throws<ArgumentException>(() => new Xoshiro256StarStar(0, 0, 0, 0));
    }

    [Fact]
    public void NextBounded_refuses_a_zero_bound()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Xoshiro256StarStar(1).NextBounded(0));
    }

    [Fact]
    public void NextBounded_is_uniform_over_its_range()
    {
        // Seeded chi-square test with 6 cells: the statistic exceeds 20.5 (df 5) with probability 0.001.
        var random = new Xoshiro256StarStar(7);
        var counts = new int[6];
        const int Draws = 60_000;
        for (var i = 0; i < Draws; i++)
        {
            counts[random.NextBounded(6)]++;
        }

        var chiSquare = counts.Sum(c => (c - 10_000.0) * (c - 10_000.0) / 10_000.0);
        Assert.True(chiSquare < 20.5, $"chi-square {chiSquare}");
        Assert.Equal(0UL, random.NextBounded(1));
    }

    [Fact]
    public void NextBounded_handles_bounds_that_need_rejection()
    {
        // A bound just above 2^63 rejects about half of all draws; every result must still lie below it.
        var random = new Xoshiro256StarStar(3);
        const ulong Bound = (1UL << 63) + 12345;
        for (var i = 0; i < 1000; i++)
        {
            Assert.True(random.NextBounded(Bound) < Bound);
        }
    }

    [Fact]
    public void NextDouble_lies_in_the_unit_interval_on_a_2_to_the_minus_53_grid()
    {
        var random = new Xoshiro256StarStar(11);
        for (var i = 0; i < 10_000; i++)
        {
            var u = random.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - Math.Pow(2, -53));
            Assert.Equal(Math.Floor(u * Math.Pow(2, 53)), u * Math.Pow(2, 53));
        }
    }

    [Fact]
    public void Normal_draws_have_the_moments_of_a_standard_normal()
    {
        // 200,000 seeded draws: the standard errors of mean, variance and fourth moment are about 0.0022, 0.0032 and 0.022.
        var random = new Xoshiro256StarStar(2026);
        const int Draws = 200_000;
        double sum = 0, squares = 0, fourth = 0, beyondTwo = 0;
        for (var i = 0; i < Draws; i++)
        {
            var z = random.NextStandardNormal();
            sum += z;
            squares += z * z;
            fourth += z * z * z * z;
            beyondTwo += Math.Abs(z) > 1.959963984540054 ? 1 : 0;
        }

        Assert.InRange(sum / Draws, -0.01, 0.01);
        Assert.InRange(squares / Draws, 0.985, 1.015);
        Assert.InRange(fourth / Draws, 2.9, 3.1);
        Assert.InRange(beyondTwo / Draws, 0.048, 0.052);
    }

    [Fact]
    public void Shuffle_returns_a_permutation_and_moves_items()
    {
        var items = Enumerable.Range(0, 100).ToArray();
        new Xoshiro256StarStar(5).Shuffle(items.AsSpan());
        Assert.Equal(Enumerable.Range(0, 100), items.Order());
        Assert.NotEqual(Enumerable.Range(0, 100), items);
    }
}
