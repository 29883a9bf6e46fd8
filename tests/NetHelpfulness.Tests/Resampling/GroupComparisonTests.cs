using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Resampling;

/// <summary>Groups as domains of the whole design, and their differences, against R svyby and svycontrast.</summary>
public class GroupComparisonTests
{
    [Fact]
    public void Group_scores_equal_R_svyby_in_every_field()
    {
        var survey = ResamplingData.Load("strata-clusters", "country");
        var result = GroupComparison.ByGroup(survey, survey.Groups[0], IntervalMethod.Linearized);
        Assert.Equal(["BR", "DE", "JP"], result.Groups);
        var rows = ResamplingData.Expected("groups-linearized");
        Assert.Equal(rows.Count, result.Scores.Count);
        foreach (var row in rows)
        {
            var s = result.Scores.Single(x => x.Group == row["group"] && x.Scenario == row["scenario"]).Score;
            Assert.Equal((int)row.Number("n"), s.N);
            foreach (var (column, value) in new (string, double)[]
            {
                ("helpful", s.Helpful), ("neutral", s.Neutral), ("creepy", s.Creepy), ("net", s.Estimate), ("se", s.StandardError),
                ("ci_low", s.Interval.Lower), ("ci_high", s.Interval.Upper), ("design_effect", s.DesignEffect), ("effective_n", s.EffectiveN),
            })
            {
                Assert.Equal(row.Number(column), value, ResamplingData.Tolerance);
            }
        }
    }

    [Theory]
    [InlineData(null, "BR")]
    [InlineData("JP", "JP")]
    public void Differences_from_the_reference_equal_R_svycontrast(string? reference, string expectedReference)
    {
        var survey = ResamplingData.Load("strata-clusters", "country");
        var result = GroupComparison.ByGroup(survey, survey.Groups[0], IntervalMethod.Linearized, reference);
        Assert.Equal(expectedReference, result.Reference);
        var rows = ResamplingData.Expected("group-differences-linearized").Where(r => r["reference"] == expectedReference).ToList();
        Assert.Equal(rows.Count, result.Differences.Count);
        Assert.Equal(2 * survey.ScenarioCount, rows.Count);
        foreach (var row in rows)
        {
            var d = result.Differences.Single(x => x.Group == row["group"] && x.Scenario == row["scenario"]);
            Assert.Equal(expectedReference, d.Reference);
            PairedDifferenceTests.AssertEqual(row, d.Difference, IntervalMethod.Linearized);
        }
    }

    [Fact]
    public void Wald_scores_are_each_groups_own_Wald_and_differences_add_variances()
    {
        var survey = ResamplingData.Load("none", "country");
        var country = survey.Groups[0];
        var result = GroupComparison.ByGroup(survey, country, IntervalMethod.Wald, "DE");
        foreach (var (group, scenario, score) in result.Scores)
        {
            var scores = survey.Scores(survey.ScenarioIndex(scenario));
            var own = scores.Where((_, i) => country[i] == group).ToArray();
            Assert.Equal(NetScore.Wald(own), score);
        }

        foreach (var (group, reference, scenario, d) in result.Differences)
        {
            var g = result.Scores.Single(s => s.Group == group && s.Scenario == scenario).Score;
            var r = result.Scores.Single(s => s.Group == reference && s.Scenario == scenario).Score;
            Assert.Equal(g.Estimate - r.Estimate, d.Estimate, 1e-15);
            Assert.Equal(Math.Sqrt((g.StandardError * g.StandardError) + (r.StandardError * r.StandardError)), d.StandardError, 1e-15);
            Assert.Equal(g.N + r.N, d.N);
        }
    }

    [Theory]
    [InlineData(IntervalMethod.BootstrapPercentile)]
    [InlineData(IntervalMethod.BootstrapBca)]
    public void Bootstrap_groups_and_differences_come_from_one_set_of_replicates(IntervalMethod method)
    {
        var survey = ResamplingData.Load("strata-clusters", "country");
        var country = survey.Groups[0];
        var options = new BootstrapOptions { Replicates = 300, Seed = 21 };
        var result = GroupComparison.ByGroup(survey, country, method, "DE", bootstrap: options);
        var linearized = GroupComparison.ByGroup(survey, country, IntervalMethod.Linearized, "DE");

        // The engine's columns are group-major over the groups in name order.
        var groupOf = Enumerable.Range(0, survey.RespondentCount).Select(i => Array.IndexOf(result.Groups.ToArray(), country[i])).ToArray();
        var replicates = Bootstrap.ReplicateByGroup(NetScore.ScoreMatrix(survey), survey.ScenarioCount, groupOf, 3, survey.Design(), options);
        for (var c = 0; c < result.Scores.Count; c++)
        {
            var expected = replicates.Summarize(c, method);
            Assert.Equal(linearized.Scores[c].Score.Estimate, result.Scores[c].Score.Estimate);
            Assert.Equal(expected.StandardError, result.Scores[c].Score.StandardError);
            Assert.Equal(expected.Interval, result.Scores[c].Score.Interval);
        }

        foreach (var d in result.Differences)
        {
            var g = Array.IndexOf(result.Groups.ToArray(), d.Group);
            var j = survey.ScenarioIndex(d.Scenario);
            var expected = replicates.SummarizeDifference((g * survey.ScenarioCount) + j, (1 * survey.ScenarioCount) + j, method);
            Assert.Equal(expected.StandardError, d.Difference.StandardError);
            Assert.Equal(expected.Interval, d.Difference.Interval);
            Assert.Equal(method, d.Difference.Method);
        }
    }

    [Fact]
    public void An_unknown_reference_group_is_refused()
    {
        var survey = ResamplingData.Load("strata", "country");
        Assert.Throws<ArgumentException>(() => GroupComparison.ByGroup(survey, survey.Groups[0], IntervalMethod.Linearized, "XX"));
    }

    [Fact]
    public void Wald_on_weighted_data_is_refused()
    {
        var survey = ResamplingData.Load("strata", "country");
        Assert.Throws<ArgumentException>(() => GroupComparison.ByGroup(survey, survey.Groups[0], IntervalMethod.Wald));
    }

    [Fact]
    public void A_method_groups_do_not_support_is_refused()
    {
        var survey = ResamplingData.Load("strata", "country");
        Assert.Throws<ArgumentOutOfRangeException>(() => GroupComparison.ByGroup(survey, survey.Groups[0], (IntervalMethod)99));
    }

    [Fact]
    public void A_grouping_column_of_the_wrong_length_is_refused()
    {
        var survey = ResamplingData.Load("strata");
        Assert.Throws<ArgumentException>(() => GroupComparison.ByGroup(survey, CodedColumn.FromValues("g", ["a", "b"]), IntervalMethod.Linearized));
    }

    [Fact]
    public void A_group_in_which_nobody_answered_a_scenario_is_refused_by_name()
    {
        var m = SurveyResponses.Missing;
        var survey = new SurveyResponses("test.csv", RatingScale.FivePoint, ["x", "y"], ["r1", "r2", "r3"],
            [4, 1, 5, m, 2, m], groups: [CodedColumn.FromValues("g", ["a", "b", "b"])]);
        var e = Assert.Throws<InsufficientDataException>(() => GroupComparison.ByGroup(survey, survey.Groups[0], IntervalMethod.Linearized));
        Assert.Contains("group 'b' of column 'g', scenario 'y'", e.Message, StringComparison.Ordinal);
    }
}
