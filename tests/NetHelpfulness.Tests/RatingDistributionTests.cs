using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests;

/// <summary>Rating distributions against R survey 4.1 (tests/reference/rating-distribution-reference.R).</summary>
public class RatingDistributionTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData("rating-distribution-weighted-strata-clusters", "weight", "stratum", "cluster")]
    [InlineData("rating-distribution-unweighted", null, null, null)]
    public void Shares_equal_R_svymean_of_the_factor_and_of_ranges(string expectedFile, string? weight, string? strata, string? cluster)
    {
        var survey = Load(weight, strata, cluster);
        var design = survey.Design();
        var expected = ReferenceFiles.ReadTable($"tests/reference/expected/{expectedFile}.csv");
        Assert.Equal(survey.ScenarioCount * 7, expected.Count);
        foreach (var row in expected)
        {
            var ratings = RatingDistribution.RatingsOf(survey, survey.ScenarioIndex(row["scenario"]));
            var share = RatingDistribution.Share(ratings, (int)row.Number("from"), (int)row.Number("to"), design);
            Assert.Equal(row.Number("share"), share.Share, Tolerance);
            Assert.Equal(row.Number("se"), share.StandardError, Tolerance);
            Assert.Equal(row.Number("ci_low"), share.Interval.Lower, Tolerance);
            Assert.Equal(row.Number("ci_high"), share.Interval.Upper, Tolerance);
        }
    }

    [Fact]
    public void Each_point_of_the_distribution_equals_R_and_the_points_sum_to_one()
    {
        var survey = Load("weight", "stratum", "cluster");
        var expected = ReferenceFiles.ReadTable("tests/reference/expected/rating-distribution-weighted-strata-clusters.csv");
        foreach (var scenario in RatingDistribution.ForEachScenario(survey))
        {
            var d = scenario.Distribution;
            Assert.Equal(5, d.Points.Count);
            Assert.Equal(1.0, d.Points.Sum(p => p.Share), 1e-12);
            for (var k = 1; k <= 5; k++)
            {
                var row = expected.Single(r => r["scenario"] == scenario.Scenario && r["from"] == $"{k}" && r["to"] == $"{k}");
                Assert.Equal(row.Number("share"), d.Point(k).Share, Tolerance);
                Assert.Equal(row.Number("se"), d.Point(k).StandardError, Tolerance);
            }
        }
    }

    [Fact]
    public void Helpful_and_creepy_ranges_agree_with_the_net_score_shares()
    {
        var survey = Load("weight", "stratum", "cluster");
        var design = survey.Design();
        foreach (var score in NetScore.ForEachScenario(survey, IntervalMethod.Linearized))
        {
            var ratings = RatingDistribution.RatingsOf(survey, survey.ScenarioIndex(score.Scenario));
            Assert.Equal(score.Score.Helpful, RatingDistribution.Share(ratings, 4, 5, design).Share, 1e-12);
            Assert.Equal(score.Score.Creepy, RatingDistribution.Share(ratings, 1, 2, design).Share, 1e-12);
        }
    }

    [Fact]
    public void A_small_weighted_example_by_hand()
    {
        // Ratings 1, 5, 5, skipped, 3 with weights 1, 2, 1, 9, 4: answered weight 8; point 5 has weight 3.
        sbyte[] ratings = [1, 5, 5, SurveyResponses.Missing, 3];
        var design = SurveyDesign.Create(5, [1, 2, 1, 9, 4]);
        var d = RatingDistribution.Estimate(ratings, RatingScale.FivePoint, design);
        Assert.Equal(4, d.N);
        Assert.Equal(8, d.WeightSum, 1e-12);
        Assert.Equal(1.0 / 8, d.Point(1).Share, 1e-12);
        Assert.Equal(0, d.Point(2).Share);
        Assert.Equal(4.0 / 8, d.Point(3).Share, 1e-12);
        Assert.Equal(3.0 / 8, d.Point(5).Share, 1e-12);
    }

    [Fact]
    public void Nobody_answered_is_an_error_not_a_NaN()
    {
        sbyte[] ratings = [SurveyResponses.Missing, SurveyResponses.Missing];
        var design = SurveyDesign.SimpleRandomSample(2);
        Assert.Throws<InsufficientDataException>(() => RatingDistribution.Estimate(ratings, RatingScale.FivePoint, design));
        Assert.Throws<InsufficientDataException>(() => RatingDistribution.Share(ratings, 4, 5, design));
    }

    [Fact]
    public void A_rating_outside_the_scale_is_refused()
    {
        sbyte[] ratings = [1, 6];
        Assert.Throws<ArgumentException>(() => RatingDistribution.Estimate(ratings, RatingScale.FivePoint, SurveyDesign.SimpleRandomSample(2)));
    }

    [Fact]
    public void Ratings_and_design_of_different_sizes_are_refused()
    {
        sbyte[] ratings = [1, 2, 3];
        Assert.Throws<ArgumentException>(() => RatingDistribution.Share(ratings, 1, 2, SurveyDesign.SimpleRandomSample(2)));
    }

    [Fact]
    public void An_empty_range_is_refused()
    {
        sbyte[] ratings = [1, 2];
        Assert.Throws<ArgumentException>(() => RatingDistribution.Share(ratings, 3, 2, SurveyDesign.SimpleRandomSample(2)));
    }

    [Fact]
    public void A_point_outside_the_scale_cannot_be_looked_up()
    {
        sbyte[] ratings = [1, 2];
        var d = RatingDistribution.Estimate(ratings, RatingScale.FivePoint, SurveyDesign.SimpleRandomSample(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Point(6));
    }

    private static SurveyResponses Load(string? weight, string? strata, string? cluster) =>
        SurveyReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "stratified-clustered.csv"),
            new SurveyReadOptions { WeightColumn = weight, StrataColumn = strata, ClusterColumn = cluster });
}
