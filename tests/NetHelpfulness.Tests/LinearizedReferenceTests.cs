using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests;

/// <summary>Net scores against R survey 4.1 (tests/reference/net-score-reference.R).</summary>
public class LinearizedReferenceTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData("linearized-weighted-strata-clusters", "weight", "stratum", "cluster")]
    [InlineData("linearized-weighted-strata", "weight", "stratum", null)]
    [InlineData("linearized-weighted", "weight", null, null)]
    [InlineData("linearized-unweighted-clusters", null, null, "cluster")]
    [InlineData("linearized-unweighted", null, null, null)]
    public void Linearized_equals_R_svymean(string expectedFile, string? weight, string? strata, string? cluster)
    {
        var survey = SurveyReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "stratified-clustered.csv"),
            new SurveyReadOptions { WeightColumn = weight, StrataColumn = strata, ClusterColumn = cluster });
        var scores = NetScore.ForEachScenario(survey, IntervalMethod.Linearized);
        AssertEqualsReference($"tests/reference/expected/{expectedFile}.csv", scores);
    }

    [Fact]
    public void Wald_equals_the_formula_written_out_in_R()
    {
        var survey = SurveyReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "stratified-clustered.csv"));
        AssertEqualsReference("tests/reference/expected/wald.csv", NetScore.ForEachScenario(survey, IntervalMethod.Wald));
    }

    internal static void AssertEqualsReference(string referenceFile, IReadOnlyList<ScenarioScore> scores)
    {
        var expected = ReferenceFiles.ReadTable(referenceFile);
        Assert.Equal(expected.Count, scores.Count);
        foreach (var row in expected)
        {
            var s = scores.Single(x => x.Scenario == row["scenario"]).Score;
            Assert.Equal((int)row.Number("n"), s.N);
            Assert.Equal(row.Number("helpful"), s.Helpful, Tolerance);
            Assert.Equal(row.Number("neutral"), s.Neutral, Tolerance);
            Assert.Equal(row.Number("creepy"), s.Creepy, Tolerance);
            Assert.Equal(row.Number("net"), s.Estimate, Tolerance);
            Assert.Equal(row.Number("se"), s.StandardError, Tolerance);
            Assert.Equal(row.Number("ci_low"), s.Interval.Lower, Tolerance);
            Assert.Equal(row.Number("ci_high"), s.Interval.Upper, Tolerance);
            Assert.Equal(row.Number("design_effect"), s.DesignEffect, Tolerance);
            Assert.Equal(row.Number("effective_n"), s.EffectiveN, Tolerance);
        }
    }
}
