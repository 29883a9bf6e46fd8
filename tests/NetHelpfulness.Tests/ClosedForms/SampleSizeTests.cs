
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.ClosedForms;

/// <summary>Sample sizes against R (expected/closed-forms/plan-*.csv: ceiling(qnorm(.)^2 * variance * deff / margin^2)).</summary>
public class SampleSizeTests
{
    [Fact]
    public void Net_score_sizes_equal_R()
    {
        var rows = ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/plan-net.csv");
        Assert.True(rows.Count > 30);
        foreach (var row in rows)
        {
            var plan = SampleSize.ForNetScore(row.Number("margin"), row.Number("helpful"), row.Number("creepy"), row.Number("design_effect"), row.Number("level"));
            Assert.Equal((long)row.Number("n"), plan.RequiredN);
            Assert.Equal(row.Number("variance"), plan.Variance, 1e-12);
            Assert.Equal(PlanTarget.NetScore, plan.Target);
            Assert.Equal(SampleSize.ForNetScore(row.Number("margin"), row.Number("helpful"), row.Number("creepy"), 1, row.Number("level")).RequiredN, plan.SimpleRandomSampleN);
        }
    }

    [Fact]
    public void Paired_difference_sizes_equal_R()
    {
        var rows = ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/plan-paired.csv");
        Assert.True(rows.Count > 30);
        foreach (var row in rows)
        {
            var plan = SampleSize.ForPairedDifference(row.Number("margin"), row.Number("helpful_a"), row.Number("creepy_a"),
                row.Number("helpful_b"), row.Number("creepy_b"), row.Number("correlation"), row.Number("design_effect"), row.Number("level"));
            Assert.Equal((long)row.Number("n"), plan.RequiredN);
            Assert.Equal(row.Number("variance"), plan.Variance, 1e-12);
            Assert.Equal(PlanTarget.PairedDifference, plan.Target);
        }
    }

    [Fact]
    public void The_issue_example_needs_3272_respondents() =>
        // 1.959964² × (0.6 + 0.15 − 0.45²) × 1.4 / 0.03² = 3271.4…, as R's plan-net.csv row.
        Assert.Equal(3272, SampleSize.ForNetScore(0.03, 0.6, 0.15, 1.4).RequiredN);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.03)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_margin_outside_0_1_is_refused(double margin)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.ForNetScore(margin, 0.6, 0.15));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.ForPairedDifference(margin, 0.6, 0.15, 0.3, 0.4, 0.3));
    }

    [Fact]
    public void A_margin_too_small_to_plan_for_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.ForNetScore(1e-9, 0.5, 0.3));

    [Theory]
    [InlineData(-0.1, 0.1)]
    [InlineData(1.1, 0.0)]
    [InlineData(0.5, double.NaN)]
    [InlineData(0.7, 0.4)]
    public void Shares_outside_0_1_or_summing_above_1_are_refused(double helpful, double creepy)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.ForNetScore(0.03, helpful, creepy));
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.ForPairedDifference(0.03, 0.5, 0.2, helpful, creepy, 0.3));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NaN)]
    public void A_design_effect_that_is_not_positive_and_finite_is_refused(double deff) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.ForNetScore(0.03, 0.6, 0.15, deff));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void A_level_outside_0_1_is_refused(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.ForNetScore(0.03, 0.6, 0.15, 1, level));

    [Theory]
    [InlineData(-1.01)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_correlation_outside_minus_1_1_is_refused(double r) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.ForPairedDifference(0.03, 0.6, 0.15, 0.3, 0.4, r));

    [Fact]
    public void A_sample_with_no_variance_still_needs_one_respondent() =>
        Assert.Equal(1, SampleSize.ForNetScore(0.05, 1, 0).RequiredN);
}
