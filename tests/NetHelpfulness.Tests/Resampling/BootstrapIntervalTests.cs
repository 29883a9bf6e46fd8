
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Resampling;

/// <summary>Percentile and BCa intervals from fixed replicates against R boot.ci (closed forms given the replicates).</summary>
public class BootstrapIntervalTests
{
    [Fact]
    public void Percentile_bca_and_sd_equal_R_boot_ci_on_the_same_replicates()
    {
        var replicates = ResamplingData.Expected("interval-replicates");
        var influence = ResamplingData.Expected("interval-influence");
        var rows = ResamplingData.Expected("interval-expected");
        Assert.Equal(8, rows.Count);
        foreach (var row in rows)
        {
            var scenario = row["scenario"];
            var b = (int)row.Number("replicates");
            var level = row.Number("level");
            var t = replicates.Take(b).Select(r => r.Number(scenario)).ToArray();
            var l = influence.Select(r => r.Number(scenario)).ToArray();
            var t0 = row.Number("t0");
            Assert.Equal(row.Number("sd"), BootstrapIntervals.StandardDeviation(t), ResamplingData.Tolerance);
            var percentile = BootstrapIntervals.Percentile(t, level);
            Assert.Equal(row.Number("perc_low"), percentile.Lower, ResamplingData.Tolerance);
            Assert.Equal(row.Number("perc_high"), percentile.Upper, ResamplingData.Tolerance);
            var bca = BootstrapIntervals.Bca(t, t0, l, level);
            Assert.Equal(row.Number("bca_low"), bca.Lower, ResamplingData.Tolerance);
            Assert.Equal(row.Number("bca_high"), bca.Upper, ResamplingData.Tolerance);
            Assert.Equal(level, bca.Level);
        }
    }

    [Fact]
    public void Extreme_order_statistics_are_the_smallest_and_largest_replicate()
    {
        // B = 10 at 95%: (B + 1)·0.025 < 1 and (B + 1)·0.975 > B, so boot uses t*(1) and t*(B).
        double[] t = [5, 3, 9, 1, 7, 2, 8, 4, 10, 6];
        var interval = BootstrapIntervals.Percentile(t, 0.95);
        Assert.Equal(1, interval.Lower);
        Assert.Equal(10, interval.Upper);
    }

    [Fact]
    public void Identical_replicates_give_a_point_interval_for_both_methods()
    {
        var t = Enumerable.Repeat(0.25, 50).ToArray();
        Assert.Equal(new ConfidenceInterval(0.25, 0.25, 0.95), BootstrapIntervals.Percentile(t, 0.95));
        Assert.Equal(new ConfidenceInterval(0.25, 0.25, 0.95), BootstrapIntervals.Bca(t, 0.25, new double[10], 0.95));
        Assert.Equal(0, BootstrapIntervals.StandardDeviation(t));
    }

    [Fact]
    public void Fewer_than_two_replicates_are_refused() =>
        Assert.Throws<ArgumentException>(() => BootstrapIntervals.Percentile([0.5], 0.95));

    [Fact]
    public void A_non_finite_replicate_is_refused() =>
        Assert.Throws<ArgumentException>(() => BootstrapIntervals.StandardDeviation([0.1, double.NaN, 0.3]));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void A_level_outside_0_1_is_refused(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BootstrapIntervals.Percentile([0.1, 0.2, 0.3], level));

    [Fact]
    public void Bca_refuses_an_estimate_outside_the_replicates()
    {
        var e = Assert.Throws<InsufficientDataException>(() => BootstrapIntervals.Bca([0.1, 0.2, 0.3], 0.05, [1.0, -1.0, 0.5], 0.95));
        Assert.Contains("bias correction", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bca_refuses_all_zero_influence_values() =>
        Assert.Throws<InsufficientDataException>(() => BootstrapIntervals.Bca([0.1, 0.2, 0.3], 0.2, [0.0, 0.0], 0.95));

    [Fact]
    public void Bca_refuses_an_undefined_influence_value() =>
        Assert.Throws<InsufficientDataException>(() => BootstrapIntervals.Bca([0.1, 0.2, 0.3], 0.2, [0.5, double.NaN], 0.95));

    [Fact]
    public void Acceleration_is_the_skewness_formula()
    {
        double[] l = [1, 2, -4];
        // Σ L³ = 1 + 8 − 64 = −55; Σ L² = 21; a = −55 / (6 · 21^1.5)
        Assert.Equal(-55 / (6 * Math.Pow(21, 1.5)), BootstrapIntervals.Acceleration(l), 1e-15);
    }
}
