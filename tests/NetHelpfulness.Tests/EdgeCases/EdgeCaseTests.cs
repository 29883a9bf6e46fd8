using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.EdgeCases;

/// <summary>Numerical edge cases against R (tests/reference/edge-cases-reference.R) or closed forms.</summary>
public class EdgeCaseTests
{
    [Theory]
    [InlineData("certainty", LonelyPsu.Certainty)]
    [InlineData("average", LonelyPsu.Average)]
    [InlineData("adjust", LonelyPsu.Adjust)]
    [InlineData("remove", LonelyPsu.Certainty)] // with no fpc R's "remove" and "certainty" both add nothing
    public void Lonely_psu_rules_equal_R(string rRule, LonelyPsu rule)
    {
        var survey = SurveyReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "lonely-psu-wide.csv"),
            new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioPrefix = "q_", WeightColumn = "weight", StrataColumn = "stratum", ClusterColumn = "cluster" });
        var scores = NetScore.ForEachScenario(survey, IntervalMethod.Linearized, lonelyPsu: rule);
        foreach (var row in ReferenceFiles.ReadTable("tests/reference/expected/lonely-psu.csv").Where(r => r["rule"] == rRule))
        {
            var s = scores.Single(x => x.Scenario == row["scenario"]).Score;
            Assert.Equal(row.Number("net"), s.Estimate, 1e-12);
            Assert.Equal(row.Number("se"), s.StandardError, 1e-12);
        }
    }

    [Fact]
    public void Lonely_psu_fails_by_default()
    {
        var e = Assert.Throws<SurveyDesignException>(() => SurveyReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "lonely-psu-wide.csv"),
            new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioPrefix = "q_", StrataColumn = "stratum", ClusterColumn = "cluster" }).Design());
        Assert.Contains("'C'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_spanning_twelve_orders_of_magnitude_equal_R()
    {
        var survey = SurveyReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "extreme-weights-wide.csv"),
            new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioPrefix = "q_", WeightColumn = "weight" });
        var expected = ReferenceFiles.ReadTable("tests/reference/expected/extreme-weights.csv").Single();
        var s = NetScore.ForEachScenario(survey, IntervalMethod.Linearized).Single().Score;
        Assert.Equal(expected.Number("net"), s.Estimate, 1e-12);
        Assert.Equal(expected.Number("se"), s.StandardError, 1e-12);
    }

    [Fact]
    public void Every_rating_helpful_gives_net_one_with_zero_standard_error()
    {
        var scores = Enumerable.Repeat((sbyte)1, 50).ToArray();
        foreach (var e in new[] { NetScore.Wald(scores), NetScore.Linearized(scores, SurveyDesign.SimpleRandomSample(50)) })
        {
            Assert.Equal(1.0, e.Estimate);
            Assert.Equal(0.0, e.StandardError);
            Assert.Equal(1.0, e.Interval.Lower);
            Assert.Equal(1.0, e.Interval.Upper);
        }
    }

    [Fact]
    public void One_respondent_gives_a_wald_estimate_and_a_design_error()
    {
        var wald = NetScore.Wald([(sbyte)-1]);
        Assert.Equal(-1.0, wald.Estimate);
        Assert.Equal(0.0, wald.StandardError);
        // R: svymean on one PSU fails with survey.lonely.psu = "fail"; so do we, with a message instead of NaN.
        Assert.Throws<SurveyDesignException>(() => NetScore.Linearized([(sbyte)-1], SurveyDesign.SimpleRandomSample(1)));
    }

    [Fact]
    public void Zero_variance_neutral_only_gives_zero_with_zero_standard_error()
    {
        var e = NetScore.Linearized(new sbyte[] { 0, 0, 0, 0 }, SurveyDesign.Create(4, [1.0, 2, 3, 4]));
        Assert.Equal(0.0, e.Estimate);
        Assert.Equal(0.0, e.StandardError);
        Assert.Equal(1.0, e.Neutral, 1e-15);
    }

    [Fact]
    public void Ten_million_ratings_lose_no_precision()
    {
        // 1,000,000 respondents × 10 scenarios; weights 0.1 (not exact in binary) on helpful/creepy patterns whose exact net is known.
        const int n = 1_000_000;
        var weights = new double[n];
        Array.Fill(weights, 0.1);
        var design = SurveyDesign.Create(n, weights);
        for (var scenario = 0; scenario < 10; scenario++)
        {
            var scores = new sbyte[n];
            int helpful = 0, creepy = 0;
            for (var i = 0; i < n; i++)
            {
                var s = (sbyte)(((i * (scenario + 3)) % 7) switch { 0 or 1 or 2 => 1, 3 or 4 => -1, _ => 0 });
                scores[i] = s;
                helpful += s == 1 ? 1 : 0;
                creepy += s == -1 ? 1 : 0;
            }

            var exact = (helpful - creepy) / (double)n;
            var e = NetScore.Linearized(scores, design);
            Assert.Equal(exact, e.Estimate, 1e-15);
            Assert.Equal(helpful / (double)n, e.Helpful, 1e-15);
        }
    }
}
