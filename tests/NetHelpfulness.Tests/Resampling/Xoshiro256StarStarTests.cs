namespace NetHelpfulness.Tests.Resampling;

/// <summary>The bootstrap's own generator: known-answer tests against the authors' reference algorithms.</summary>
public class Xoshiro256StarStarTests
{
    [Fact]
    public void Xoshiro256StarStar_from_state_1_2_3_4_gives_the_reference_sequence()
    {
        // The output of Blackman and Vigna's reference C code for s = {1, 2, 3, 4} (also rand_xoshiro's test vector).
        ulong[] expected = [11520, 0, 1509978240, 1215971899390074240, 1216172134540287360, 607988272756665600,
            16172922978634559625, 8476171486693032832, 10595114339597558777, 2904607092377533576];
        var generator = new Xoshiro256StarStar(1, 2, 3, 4);
        foreach (var value in expected)
        {
            Assert.Equal(value, generator.Next());
        }
    }

    [Fact]
    public void SplitMix64_from_1234567_gives_the_reference_sequence()
    {
        ulong[] expected = [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        ulong state = 1234567;
        foreach (var value in expected)
        {
            Assert.Equal(value, Xoshiro256StarStar.SplitMix64Next(ref state));
        }
    }

    [Fact]
    public void An_all_zero_state_is_refused() =>
        Assert.Throws<ArgumentException>(() => new Xoshiro256StarStar(0, 0, 0, 0));

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
            return [g.Next(), g.Next(), g.Next()];
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
            var bits = generator.Next();
            counts32[generator.Bounded32((bits & uint.MaxValue) * 7, 7)]++;
        }

        foreach (var counts in new[] { counts64, counts32 })
        {
            var chiSquare = counts.Sum(c => (c - 10_000.0) * (c - 10_000.0) / 10_000.0);
            Assert.InRange(chiSquare, 0, 22.46);
        }
    }
}
