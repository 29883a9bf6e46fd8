using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.ClosedForms;

/// <summary>
/// Adjusted-Wald (Rocks 2016) and Tango (1998) intervals against the formulas written out in R
/// (tests/reference/closed-forms-reference.R → expected/closed-forms/net-score-*.csv).
/// </summary>
public class NetScoreClosedFormTests
{
    private const double Tolerance = 1e-9;
    private const string CountsFile = "tests/reference/expected/closed-forms/net-score-counts.csv";
    private const string DesignFile = "tests/reference/expected/closed-forms/net-score-design.csv";

    public static TheoryData<string> CountCases() => [.. ReferenceFiles.ReadTable(CountsFile).Select(r => r["case"])];

    [Theory]
    [MemberData(nameof(CountCases))]
    public void Adjusted_wald_from_counts_equals_R(string caseName)
    {
        var row = ReferenceFiles.ReadTable(CountsFile).Single(r => r["case"] == caseName);
        var estimate = NetScore.AdjustedWald(Scores(row), row.Number("level"));
        Assert.Equal((int)row.Number("n"), estimate.N);
        Assert.Equal(row.Number("net"), estimate.Estimate, Tolerance);
        Assert.Equal(row.Number("aw_se"), estimate.StandardError, Tolerance);
        Assert.Equal(row.Number("aw_ci_low"), estimate.Interval.Lower, Tolerance);
        Assert.Equal(row.Number("aw_ci_high"), estimate.Interval.Upper, Tolerance);
        Assert.Equal(row.Number("level"), estimate.Interval.Level);
        Assert.Equal(IntervalMethod.AdjustedWald, estimate.Method);
    }

    [Theory]
    [MemberData(nameof(CountCases))]
    public void Tango_from_counts_equals_R(string caseName)
    {
        var row = ReferenceFiles.ReadTable(CountsFile).Single(r => r["case"] == caseName);
        var estimate = NetScore.Tango(Scores(row), row.Number("level"));
        Assert.Equal((int)row.Number("n"), estimate.N);
        Assert.Equal(row.Number("net"), estimate.Estimate, Tolerance);
        Assert.Equal(row.Number("wald_se"), estimate.StandardError, Tolerance);
        Assert.Equal(row.Number("tango_ci_low"), estimate.Interval.Lower, Tolerance);
        Assert.Equal(row.Number("tango_ci_high"), estimate.Interval.Upper, Tolerance);
        Assert.Equal(IntervalMethod.Tango, estimate.Method);
    }

    [Theory]
    [InlineData("weighted-strata-clusters", "weight", "stratum", "cluster")]
    [InlineData("weighted", "weight", null, null)]
    [InlineData("unweighted-clusters", null, null, "cluster")]
    public void Design_based_intervals_equal_R_with_the_effective_sample_size(string design, string? weight, string? strata, string? cluster)
    {
        var survey = SurveyReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "closed-forms", "ratings-design.csv"),
            new SurveyReadOptions { WeightColumn = weight, StrataColumn = strata, ClusterColumn = cluster });
        var rows = ReferenceFiles.ReadTable(DesignFile).Where(r => r["design"] == design).ToList();
        Assert.Equal(8, rows.Count);
        foreach (var (method, name) in new[] { (IntervalMethod.AdjustedWald, "adjusted-wald"), (IntervalMethod.Tango, "tango") })
        {
            var scores = NetScore.ForEachScenario(survey, method);
            foreach (var row in rows.Where(r => r["method"] == name))
            {
                var s = scores.Single(x => x.Scenario == row["scenario"]).Score;
                Assert.Equal((int)row.Number("n"), s.N);
                Assert.Equal(row.Number("helpful"), s.Helpful, Tolerance);
                Assert.Equal(row.Number("creepy"), s.Creepy, Tolerance);
                Assert.Equal(row.Number("net"), s.Estimate, Tolerance);
                Assert.Equal(row.Number("se"), s.StandardError, Tolerance);
                Assert.Equal(row.Number("ci_low"), s.Interval.Lower, Tolerance);
                Assert.Equal(row.Number("ci_high"), s.Interval.Upper, Tolerance);
                Assert.Equal(method, s.Method);
            }
        }
    }

    [Fact]
    public void Unweighted_data_without_a_design_use_the_counts()
    {
        var survey = SurveyReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "closed-forms", "ratings-design.csv"));
        var alpha = survey.Scores(survey.ScenarioIndex("alpha"));
        var viaSurvey = NetScore.ForEachScenario(survey, IntervalMethod.Tango).Single(s => s.Scenario == "alpha").Score;
        Assert.Equal(NetScore.Tango(alpha), viaSurvey);
        var viaSurveyAw = NetScore.ForEachScenario(survey, IntervalMethod.AdjustedWald).Single(s => s.Scenario == "alpha").Score;
        Assert.Equal(NetScore.AdjustedWald(alpha), viaSurveyAw);
    }

    [Fact]
    public void Bounded_intervals_stay_in_range_and_tango_contains_the_estimate_for_every_small_sample()
    {
        // Every count triple with n ≤ 12, at three levels: no NaN, inside [−1, 1], positive width.
        foreach (var level in new[] { 0.8, 0.95, 0.999 })
        {
            for (var n = 1; n <= 12; n++)
            {
                for (var h = 0; h <= n; h++)
                {
                    for (var c = 0; c <= n - h; c++)
                    {
                        var scores = Build(h, n - h - c, c);
                        foreach (var e in new[] { NetScore.AdjustedWald(scores, level), NetScore.Tango(scores, level) })
                        {
                            Assert.True(double.IsFinite(e.Interval.Lower) && double.IsFinite(e.Interval.Upper) && double.IsFinite(e.StandardError), $"{e}");
                            Assert.InRange(e.Interval.Lower, -1.0, 1.0);
                            Assert.InRange(e.Interval.Upper, e.Interval.Lower, 1.0);
                            Assert.True(e.Interval.Width > 0, $"h={h} c={c} n={n}: {e.Interval}");
                        }

                        var tango = NetScore.Tango(scores, level);
                        Assert.True(tango.Interval.Contains(tango.Estimate), $"h={h} c={c} n={n}: {tango.Interval}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Swapping_helpful_and_creepy_mirrors_both_intervals()
    {
        var forward = Build(37, 21, 12);
        var mirrored = Build(12, 21, 37);
        foreach (var (a, b) in new[] { (NetScore.AdjustedWald(forward), NetScore.AdjustedWald(mirrored)), (NetScore.Tango(forward), NetScore.Tango(mirrored)) })
        {
            Assert.Equal(-a.Estimate, b.Estimate, 1e-15);
            Assert.Equal(-a.Interval.Upper, b.Interval.Lower, 1e-12);
            Assert.Equal(-a.Interval.Lower, b.Interval.Upper, 1e-12);
        }
    }

    [Fact]
    public void Tango_limits_solve_the_score_equation()
    {
        var e = NetScore.Tango(Build(40, 35, 25), 0.95);
        var z = ConfidenceInterval.NormalQuantile(0.95);
        Assert.Equal(z, NetScore.TangoScore(e.Interval.Lower, 0.40, 0.25, 100), 1e-9);
        Assert.Equal(-z, NetScore.TangoScore(e.Interval.Upper, 0.40, 0.25, 100), 1e-9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Adjusted_wald_refuses_a_level_outside_0_1(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NetScore.AdjustedWald(Build(3, 2, 1), level));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Tango_refuses_a_level_outside_0_1(double level) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NetScore.Tango(Build(3, 2, 1), level));

    [Fact]
    public void Adjusted_wald_refuses_a_scenario_nobody_answered() =>
        Assert.Throws<InsufficientDataException>(() => NetScore.AdjustedWald([SurveyResponses.Missing, SurveyResponses.Missing]));

    [Fact]
    public void Tango_refuses_a_scenario_nobody_answered() =>
        Assert.Throws<InsufficientDataException>(() => NetScore.Tango([]));

    [Fact]
    public void Design_based_methods_refuse_a_scenario_nobody_answered()
    {
        var design = SurveyDesign.Create(3, [1.0, 2.0, 1.5]);
        sbyte[] nobody = [SurveyResponses.Missing, SurveyResponses.Missing, SurveyResponses.Missing];
        Assert.Throws<InsufficientDataException>(() => NetScore.AdjustedWald(nobody, design));
        Assert.Throws<InsufficientDataException>(() => NetScore.Tango(nobody, design));
    }

    [Fact]
    public void Closed_forms_refuse_a_score_that_is_not_minus_one_zero_or_one()
    {
        Assert.Throws<ArgumentException>(() => NetScore.AdjustedWald([1, 2]));
        Assert.Throws<ArgumentException>(() => NetScore.Tango([1, -3]));
    }

    [Fact]
    public void Design_based_methods_refuse_scores_of_the_wrong_length()
    {
        var design = SurveyDesign.Create(3, [1.0, 2.0, 1.5]);
        Assert.Throws<ArgumentException>(() => NetScore.AdjustedWald([1, 0], design));
        Assert.Throws<ArgumentException>(() => NetScore.Tango([1, 0], design));
    }

    private static sbyte[] Scores(Dictionary<string, string> row) =>
        Build((int)row.Number("helpful"), (int)row.Number("neutral"), (int)row.Number("creepy"));

    // Interleaved, with a skipped answer, so order and missing values play no part.
    internal static sbyte[] Build(int helpful, int neutral, int creepy)
    {
        var scores = new List<sbyte> { SurveyResponses.Missing };
        for (var i = 0; i < Math.Max(helpful, Math.Max(neutral, creepy)); i++)
        {
            if (i < creepy)
            {
                scores.Add(-1);
            }

            if (i < helpful)
            {
                scores.Add(1);
            }

            if (i < neutral)
            {
                scores.Add(0);
            }
        }

        return [.. scores];
    }
}
