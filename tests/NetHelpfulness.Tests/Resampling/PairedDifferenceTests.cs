using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Resampling;

/// <summary>Paired differences against R svycontrast and the Wald formula written out in R.</summary>
public class PairedDifferenceTests
{
    [Theory]
    [InlineData("paired-linearized-strata-clusters", "strata-clusters")]
    [InlineData("paired-linearized-strata", "strata")]
    public void Linearized_equals_R_svycontrast(string expectedFile, string designName)
    {
        var survey = ResamplingData.Load(designName);
        var rows = ResamplingData.Expected(expectedFile);
        Assert.Equal(4, rows.Count);
        foreach (var row in rows)
        {
            var result = PairedDifference.Compare(survey, row["a"], row["b"], IntervalMethod.Linearized);
            AssertEqual(row, result.Difference, IntervalMethod.Linearized);
        }
    }

    [Fact]
    public void Wald_equals_the_formula_written_out_in_R()
    {
        var survey = ResamplingData.Load("none");
        foreach (var row in ResamplingData.Expected("paired-wald"))
        {
            AssertEqual(row, PairedDifference.Compare(survey, row["a"], row["b"], IntervalMethod.Wald).Difference, IntervalMethod.Wald);
        }
    }

    [Theory]
    [InlineData(IntervalMethod.Wald)]
    [InlineData(IntervalMethod.Linearized)]
    [InlineData(IntervalMethod.BootstrapPercentile)]
    [InlineData(IntervalMethod.BootstrapBca)]
    public void A_scenario_compared_with_itself_gives_zero_with_SE_zero(IntervalMethod method)
    {
        var survey = ResamplingData.Load(method == IntervalMethod.Wald ? "none" : "strata-clusters");
        var d = PairedDifference.Compare(survey, "in_aisle_offer", "in_aisle_offer", method, bootstrap: new BootstrapOptions { Replicates = 100 }).Difference;
        Assert.Equal(survey.Scores(survey.ScenarioIndex("in_aisle_offer")).Count(s => s != SurveyResponses.Missing), d.N);
        Assert.Equal(0, d.Estimate);
        Assert.Equal(0, d.StandardError);
        Assert.Equal(0, d.Interval.Lower);
        Assert.Equal(0, d.Interval.Upper);
        Assert.Equal(method, d.Method);
    }

    [Fact]
    public void The_bootstrap_keeps_the_linearized_estimate_and_n()
    {
        var survey = ResamplingData.Load("strata-clusters");
        var linearized = PairedDifference.Compare(survey, "sale_alert", "overheard_coffee_ad", IntervalMethod.Linearized).Difference;
        var boot = PairedDifference.Compare(survey, "sale_alert", "overheard_coffee_ad", IntervalMethod.BootstrapBca, bootstrap: new BootstrapOptions { Replicates = 200 }).Difference;
        Assert.Equal(linearized.N, boot.N);
        Assert.Equal(linearized.Estimate, boot.Estimate);
        Assert.Equal(IntervalMethod.BootstrapBca, boot.Method);
    }

    [Fact]
    public void An_unknown_scenario_is_refused()
    {
        var survey = ResamplingData.Load("strata");
        Assert.Throws<ArgumentException>(() => PairedDifference.Compare(survey, "sale_alert", "no_such_scenario", IntervalMethod.Linearized));
    }

    [Fact]
    public void Wald_on_weighted_data_is_refused()
    {
        var survey = ResamplingData.Load("strata");
        Assert.Throws<ArgumentException>(() => PairedDifference.Compare(survey, "sale_alert", "birthday_offer", IntervalMethod.Wald));
    }

    [Fact]
    public void Nobody_answering_both_is_refused()
    {
        var m = SurveyResponses.Missing;
        Assert.Throws<InsufficientDataException>(() => PairedDifference.Linearized([1, m, 0], [m, -1, m], SurveyDesign.SimpleRandomSample(3)));
        Assert.Throws<InsufficientDataException>(() => PairedDifference.Wald([1, m, 0], [m, -1, m]));
    }

    [Fact]
    public void Scores_of_different_lengths_are_refused() =>
        Assert.Throws<ArgumentException>(() => PairedDifference.Wald([1, 0], [1, 0, -1]));

    [Fact]
    public void A_score_outside_minus_one_to_one_is_refused() =>
        Assert.Throws<ArgumentException>(() => PairedDifference.Wald([1, 2], [1, 0]));

    internal static void AssertEqual(Dictionary<string, string> row, DifferenceEstimate d, IntervalMethod method)
    {
        Assert.Equal((int)row.Number("n"), d.N);
        Assert.Equal(row.Number("estimate"), d.Estimate, ResamplingData.Tolerance);
        Assert.Equal(row.Number("se"), d.StandardError, ResamplingData.Tolerance);
        Assert.Equal(row.Number("ci_low"), d.Interval.Lower, ResamplingData.Tolerance);
        Assert.Equal(row.Number("ci_high"), d.Interval.Upper, ResamplingData.Tolerance);
        Assert.Equal(method, d.Method);
    }
}
