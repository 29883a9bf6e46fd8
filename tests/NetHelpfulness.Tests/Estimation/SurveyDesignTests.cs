using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Estimation;

public class SurveyDesignTests
{
    [Fact]
    public void Equal_weights_without_strata_give_the_sample_standard_error()
    {
        var scores = new sbyte[] { 1, 1, 0, -1, 1, 0, 0, -1, 1, 1 };
        var estimate = NetScore.Linearized(scores, SurveyDesign.SimpleRandomSample(scores.Length));
        var values = scores.Select(s => (double)s).ToArray();
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1));
        Assert.Equal(mean, estimate.Estimate, 1e-15);
        Assert.Equal(sd / Math.Sqrt(values.Length), estimate.StandardError, 1e-15);
    }

    [Fact]
    public void Scaling_all_weights_changes_nothing()
    {
        var scores = new sbyte[] { 1, 1, 0, -1, 1, SurveyResponses.Missing, 0, -1 };
        var weights = new[] { 1.0, 2, 0.5, 3, 1, 1, 2, 4 };
        var a = NetScore.Linearized(scores, SurveyDesign.Create(8, weights));
        var b = NetScore.Linearized(scores, SurveyDesign.Create(8, [.. weights.Select(w => w * 1e4)]));
        Assert.Equal(a.Estimate, b.Estimate, 1e-14);
        Assert.Equal(a.StandardError, b.StandardError, 1e-14);
    }

    [Fact]
    public void Single_psu_stratum_fails_by_default_naming_the_stratum()
    {
        var error = Assert.Throws<SurveyDesignException>(() => SurveyDesign.Create(3, strata: [0, 0, 1], stratumNames: ["north", "south"]));
        Assert.Contains("'south'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Single_psu_stratum_is_allowed_under_certainty_and_adds_nothing()
    {
        var design = SurveyDesign.Create(3, strata: [0, 0, 1], lonelyPsu: LonelyPsu.Certainty);
        var estimate = NetScore.Linearized(new sbyte[] { 1, -1, 1 }, design);
        Assert.True(estimate.StandardError > 0);
    }

    [Fact]
    public void Nonpositive_weight_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SurveyDesign.Create(2, [1.0, 0.0]));
    }

    [Fact]
    public void Non_finite_weight_is_refused()
    {
        Assert.Throws<ArgumentException>(() => SurveyDesign.Create(2, [1.0, double.NaN]));
    }

    [Fact]
    public void Weights_of_the_wrong_length_are_refused()
    {
        Assert.Throws<ArgumentException>(() => SurveyDesign.Create(3, [1.0, 1.0]));
    }

    [Fact]
    public void Scores_of_the_wrong_length_are_refused()
    {
        Assert.Throws<ArgumentException>(() => NetScore.Linearized(new sbyte[] { 1, 0 }, SurveyDesign.SimpleRandomSample(3)));
    }

    [Fact]
    public void Score_outside_minus_one_to_one_is_refused()
    {
        Assert.Throws<ArgumentException>(() => NetScore.Wald(new sbyte[] { 1, 2 }));
    }

    [Fact]
    public void Nobody_answered_is_an_error_not_nan()
    {
        var missing = new[] { SurveyResponses.Missing, SurveyResponses.Missing };
        Assert.Throws<InsufficientDataException>(() => NetScore.Wald(missing));
        Assert.Throws<InsufficientDataException>(() => NetScore.Linearized(missing, SurveyDesign.SimpleRandomSample(2)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Level_outside_zero_one_is_refused(double level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NetScore.Wald(new sbyte[] { 1, 0 }, level));
    }

    [Fact]
    public void Level_90_equals_R()
    {
        var survey = SurveyReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "stratified-clustered.csv"),
            new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "stratum", ClusterColumn = "cluster" });
        var expected = ReferenceFiles.ReadTable("tests/reference/expected/linearized-level90.csv").Single();
        var alpha = NetScore.ForEachScenario(survey, IntervalMethod.Linearized, 0.90).Single(s => s.Scenario == "alpha").Score;
        Assert.Equal(expected.Number("ci_low"), alpha.Interval.Lower, 1e-9);
        Assert.Equal(expected.Number("ci_high"), alpha.Interval.Upper, 1e-9);
    }

    [Fact]
    public void Wald_with_weighted_data_is_refused()
    {
        var survey = new SurveyResponses("x", RatingScale.FivePoint, ["a"], ["r1", "r2"], [4, 1], weights: [1.0, 2.0]);
        Assert.Throws<ArgumentException>(() => NetScore.ForEachScenario(survey, IntervalMethod.Wald));
    }
}
