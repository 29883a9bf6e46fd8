using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Calibration;

/// <summary>
/// A calibrated design is a design: contrasts, paired differences and group comparisons on it equal R's on the same
/// calibrated design (svycontrast, svymean of differences, svyby), including domains that do not reach every stratum and
/// the lonely-PSU rules (tests/reference/calibration-reference.R).
/// </summary>
public class CalibratedEstimatorTests
{
    private const double Tolerance = 1e-9;

    [Theory]
    [InlineData("rake")]
    [InlineData("linear")]
    [InlineData("poststratify")]
    public void Contrast_equals_R_svycontrast(string name)
    {
        var row = CalibrationFixture.Expected("contrasts").Single(r => r["design"] == name);
        var estimates = NetScore.Estimates(CalibrationFixture.Survey, CalibrationFixture.Design(name));
        var terms = row["contrast"].Split(';').Select(t => t.Split('=')).ToList();
        var contrast = DesignEstimates.Contrast([.. terms.Select(t => estimates.Single(e => e.Name == t[0]))], [.. terms.Select(t => double.Parse(t[1], System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(row.Number("estimate"), contrast.Estimate, Tolerance);
        Assert.Equal(row.Number("se"), contrast.StandardError, Tolerance);
    }

    [Theory]
    [InlineData("rake")]
    [InlineData("linear")]
    [InlineData("poststratify")]
    public void Paired_difference_equals_R_svymean_of_the_differences(string name)
    {
        var survey = CalibrationFixture.Survey;
        var design = CalibrationFixture.Design(name);
        foreach (var row in CalibrationFixture.Expected("paired").Where(r => r["design"] == name))
        {
            var result = PairedDifference.Compare(survey, row["a"], row["b"], design, IntervalMethod.Linearized);
            Assert.Equal(row.Number("estimate"), result.Difference.Estimate, Tolerance);
            Assert.Equal(row.Number("se"), result.Difference.StandardError, Tolerance);
            Assert.Equal((int)row.Number("n"), result.Difference.N);
        }
    }

    [Theory]
    [InlineData("rake")]
    [InlineData("linear")]
    [InlineData("poststratify")]
    public void Groups_and_their_differences_equal_R_svyby_and_svycontrast(string name)
    {
        var survey = CalibrationFixture.Survey;
        var result = GroupComparison.ByGroup(survey, survey.Column("region"), CalibrationFixture.Design(name), IntervalMethod.Linearized, "east");
        var rows = CalibrationFixture.Expected("groups").Where(r => r["design"] == name).ToList();
        Assert.Equal(8, rows.Count);
        foreach (var row in rows)
        {
            var score = result.Scores.Single(s => s.Group == row["group"] && s.Scenario == row["scenario"]).Score;
            Assert.Equal(row.Number("estimate"), score.Estimate, Tolerance);
            Assert.Equal(row.Number("se"), score.StandardError, Tolerance);
            Assert.Equal((int)row.Number("n"), score.N);
            if (row["group"] != "east")
            {
                var difference = result.Differences.Single(d => d.Group == row["group"] && d.Scenario == row["scenario"]).Difference;
                Assert.Equal(row.Number("difference"), difference.Estimate, Tolerance);
                Assert.Equal(row.Number("difference_se"), difference.StandardError, Tolerance);
            }
        }
    }

    [Theory]
    [InlineData(LonelyPsu.Certainty)]
    [InlineData(LonelyPsu.Average)]
    [InlineData(LonelyPsu.Adjust)]
    public void Lonely_PSU_rules_on_calibrated_designs_equal_R(LonelyPsu rule)
    {
        var survey = NetHelpfulness.Data.SurveyReader.ReadFile(CalibrationFixture.MarginsPath("lonely-psu-survey.csv"));
        var ruleName = rule.ToString().ToLowerInvariant();
        foreach (var name in new[] { "rake", "linear" })
        {
            var design = survey.Design(CalibrationFixture.Spec(name, strata: "stratum_lonely", lonelyPsu: rule));
            var estimates = NetScore.Estimates(survey, design);
            var groups = GroupComparison.ByGroup(survey, survey.Column("region"), design, IntervalMethod.Linearized);
            var rows = CalibrationFixture.Expected("lonely-psu").Where(r => r["rule"] == ruleName && r["design"] == name).ToList();
            Assert.Equal(6, rows.Count);
            foreach (var row in rows)
            {
                var parts = row["scenario"].Split('@');
                var (estimate, se) = parts.Length == 1
                    ? (estimates.Single(e => e.Name == parts[0]).Estimate, estimates.Single(e => e.Name == parts[0]).StandardError)
                    : (groups.Scores.Single(s => s.Group == parts[1] && s.Scenario == parts[0]).Score.Estimate, groups.Scores.Single(s => s.Group == parts[1] && s.Scenario == parts[0]).Score.StandardError);
                Assert.Equal(row.Number("estimate"), estimate, Tolerance);
                Assert.Equal(row.Number("se"), se, Tolerance);
            }
        }
    }
}
