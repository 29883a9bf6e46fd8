using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Resampling;

/// <summary>NetScore's bootstrap entry points: what they keep from the linearized estimate, and what they take from the replicates.</summary>
public class NetScoreBootstrapTests
{
    [Theory]
    [InlineData(IntervalMethod.BootstrapPercentile)]
    [InlineData(IntervalMethod.BootstrapBca)]
    public void Point_estimates_are_the_linearized_ones_and_the_SE_is_the_replicates_SD(IntervalMethod method)
    {
        var survey = ResamplingData.Load("strata-clusters");
        var options = new BootstrapOptions { Replicates = 400, Seed = 8 };
        var boot = NetScore.BootstrapEachScenario(survey, method, options, 0.9);
        var linearized = NetScore.ForEachScenario(survey, IntervalMethod.Linearized, 0.9);
        var replicates = Bootstrap.Replicate(NetScore.ScoreMatrix(survey), survey.ScenarioCount, survey.Design(), options);
        for (var j = 0; j < survey.ScenarioCount; j++)
        {
            var (b, l) = (boot[j].Score, linearized[j].Score);
            Assert.Equal(linearized[j].Scenario, boot[j].Scenario);
            Assert.Equal(l with { StandardError = 0, Interval = b.Interval, Method = method }, b with { StandardError = 0 });
            Assert.Equal(BootstrapIntervals.StandardDeviation(replicates.Replicates(j)), b.StandardError);
            Assert.Equal(replicates.Summarize(j, method, 0.9).Interval, b.Interval);
            Assert.Equal(0.9, b.Interval.Level);
        }
    }

    [Fact]
    public void One_scenario_equals_its_row_of_every_scenario()
    {
        var survey = ResamplingData.Load("strata-clusters");
        var options = new BootstrapOptions { Replicates = 300, Seed = 4 };
        var all = NetScore.BootstrapEachScenario(survey, IntervalMethod.BootstrapBca, options);
        var one = NetScore.Bootstrap(survey.Scores(2), survey.Design(), IntervalMethod.BootstrapBca, options);
        Assert.Equal(all[2].Score, one);
    }

    [Fact]
    public void ForEachScenario_with_a_bootstrap_method_uses_the_default_replicates_and_seed()
    {
        var survey = ResamplingData.Load("strata");
        Assert.Equal(
            NetScore.BootstrapEachScenario(survey, IntervalMethod.BootstrapPercentile, new BootstrapOptions()),
            NetScore.ForEachScenario(survey, IntervalMethod.BootstrapPercentile));
    }

    [Fact]
    public void A_method_that_is_not_a_bootstrap_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NetScore.Bootstrap([1, 0, -1], SurveyDesign.SimpleRandomSample(3), IntervalMethod.Wald, new BootstrapOptions()));

    [Fact]
    public void A_scenario_nobody_answered_is_refused()
    {
        var m = SurveyResponses.Missing;
        Assert.Throws<InsufficientDataException>(() => NetScore.Bootstrap([m, m, m], SurveyDesign.SimpleRandomSample(3), IntervalMethod.BootstrapPercentile, new BootstrapOptions()));
    }

    [Fact]
    public void Every_rating_helpful_gives_a_point_interval_at_plus_one()
    {
        var estimate = NetScore.Bootstrap([1, 1, 1, 1, 1], SurveyDesign.SimpleRandomSample(5), IntervalMethod.BootstrapBca, new BootstrapOptions { Replicates = 50 });
        Assert.Equal(1, estimate.Estimate);
        Assert.Equal(0, estimate.StandardError);
        Assert.Equal(new ConfidenceInterval(1, 1, 0.95), estimate.Interval);
    }
}
