using System.Globalization;
using NetHelpfulness.Estimation;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Tests.Calibration;

/// <summary>
/// Calibrated weights, and net scores with their SEs on calibrated designs, against R survey 4.1.1's postStratify, rake
/// and calibrate on a stratified, clustered, weighted file with skipped answers (tests/reference/calibration-reference.R;
/// the R calls are at the top of each expected file).
/// </summary>
public class CalibrationReferenceTests
{
    public static TheoryData<string> Designs() =>
        ["poststratify", "rake", "rake_default", "linear", "raking", "raking_bounded", "linear_bounded", "logit_bounded", "raking_both_bounds"];

    [Theory]
    [MemberData(nameof(Designs))]
    public void Weights_equal_R_to_1e_8_relative(string name)
    {
        var rows = CalibrationFixture.Expected("weights");
        var result = SurveyCalibration.Calibrate(CalibrationFixture.Survey, CalibrationFixture.Spec(name));
        Assert.True(result.Succeeded, result.Problem);
        var index = CalibrationFixture.Survey.RespondentIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        Assert.Equal(index.Count, rows.Count);
        var worst = 0.0;
        foreach (var row in rows)
        {
            var expected = row.Number(name);
            worst = Math.Max(worst, Math.Abs(result.Weights[index[row["respondent_id"]]] - expected) / expected);
        }

        Assert.True(worst < 1e-8, string.Create(CultureInfo.InvariantCulture, $"{name}: largest relative difference from R {worst:G3}"));
    }

    [Theory]
    [MemberData(nameof(Designs))]
    public void Net_scores_and_SEs_equal_R_svymean(string name)
    {
        var estimates = NetScore.Estimates(CalibrationFixture.Survey, CalibrationFixture.Design(name));
        var rows = CalibrationFixture.Expected("scores").Where(r => r["design"] == name).ToList();
        Assert.Equal(estimates.Count, rows.Count);
        foreach (var row in rows)
        {
            var estimate = estimates.Single(e => e.Name == row["scenario"]);
            Assert.Equal(row.Number("estimate"), estimate.Estimate, 1e-9);
            Assert.Equal(row.Number("se"), estimate.StandardError, 1e-9);
            Assert.Equal(int.Parse(row["n"], CultureInfo.InvariantCulture), estimate.N);
        }
    }

    [Fact]
    public void The_uncalibrated_scores_of_the_reference_are_the_design_weights_ones()
    {
        // The 'none' rows pin the starting design, so that a calibrated SE that equals R's is not R's uncalibrated SE.
        var estimates = NetScore.Estimates(CalibrationFixture.Survey, CalibrationFixture.Design("none"));
        var calibrated = NetScore.Estimates(CalibrationFixture.Survey, CalibrationFixture.Design("rake"));
        foreach (var row in CalibrationFixture.Expected("scores").Where(r => r["design"] == "none"))
        {
            var plain = estimates.Single(e => e.Name == row["scenario"]);
            Assert.Equal(row.Number("se"), plain.StandardError, 1e-9);
            Assert.NotEqual(plain.StandardError, calibrated.Single(e => e.Name == row["scenario"]).StandardError, 4);
        }
    }

    [Fact]
    public void Default_rake_takes_as_many_passes_as_R()
    {
        var row = CalibrationFixture.Expected("rake-passes").Single();
        var result = SurveyCalibration.Calibrate(CalibrationFixture.Survey, CalibrationFixture.Spec("rake_default"));
        Assert.True(result.Converged);
        Assert.Equal(int.Parse(row["passes"], CultureInfo.InvariantCulture), result.Iterations);
        Assert.True(result.LargestChange < 1);
    }
}
