using MathNet.Numerics.Distributions;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Tests.Calibration;

/// <summary>
/// The bootstrap of a calibrated design recalibrates every replicate: against R boot with a statistic that rakes the
/// resampled clusters (tests/reference/calibration-reference.R, B = 20,000 on both sides) within Monte-Carlo error, a
/// margin's own share that does not vary at all, determinism for a seed, and replicates that cannot be calibrated.
/// </summary>
public class CalibratedBootstrapTests
{
    private const int Replicates = 20_000;
    private const ulong Seed = 13;
    private const double Sigmas = 5;

    [Fact]
    public void Raked_bootstrap_matches_R_boot_raking_every_replicate_within_Monte_Carlo_error()
    {
        var survey = CalibrationFixture.Survey;
        var scores = NetScore.BootstrapEachScenario(survey, CalibrationFixture.Design("rake"), IntervalMethod.BootstrapPercentile,
            new BootstrapOptions { Replicates = Replicates, Seed = Seed });
        var rows = CalibrationFixture.Expected("bootstrap-rake-mc");
        Assert.Equal(survey.ScenarioCount, rows.Count);
        var distinguished = 0;
        foreach (var row in rows)
        {
            Assert.Equal(Replicates, (int)row.Number("replicates"));
            var score = scores.Single(s => s.Scenario == row["scenario"]).Score;
            Assert.Equal(row.Number("estimate"), score.Estimate, 1e-9);

            // 5 Monte-Carlo SDs of the difference of two independent runs of B replicates: for an SD, σ√(1/(2B) + 1/(2B));
            // for a 2.5% end point, √2 σ √(α(1 − α)/B) / φ(Φ⁻¹(α)).
            var sigma = row.Number("se");
            var tolerance = Sigmas * sigma * Math.Sqrt(1.0 / Replicates);
            Assert.Equal(sigma, score.StandardError, tolerance);

            // Where raking every replicate matters by more than the tolerance, ours is nearer R's SE with every replicate
            // raked than R's SE with the full sample's raked weights kept in every replicate.
            var once = row.Number("se_raked_once");
            if (Math.Abs(once - sigma) > tolerance)
            {
                distinguished++;
                Assert.True(Math.Abs(score.StandardError - sigma) < Math.Abs(score.StandardError - once),
                    $"{row["scenario"]}: SE {score.StandardError} is nearer {once} (weights raked once) than {sigma} (every replicate raked)");
            }
            var endpoint = Sigmas * Math.Sqrt(2) * sigma * Math.Sqrt(0.025 * 0.975 / Replicates) / Normal.PDF(0, 1, Normal.InvCDF(0, 1, 0.025));
            Assert.Equal(row.Number("ci_low"), score.Interval.Lower, endpoint);
            Assert.Equal(row.Number("ci_high"), score.Interval.Upper, endpoint);
        }

        Assert.True(distinguished >= 2, "the reference should show where recalibrating the replicates matters");
    }

    [Fact]
    public void A_margins_own_share_does_not_vary_between_recalibrated_replicates()
    {
        var survey = CalibrationFixture.Survey;
        var age = survey.Column("age_band");
        var young = new sbyte[survey.RespondentCount];
        for (var i = 0; i < young.Length; i++)
        {
            young[i] = age[i] == "18-34" ? (sbyte)1 : (sbyte)0;
        }

        var options = new BootstrapOptions { Replicates = 500, Seed = Seed };
        var raked = Bootstrap.Replicate(young, 1, CalibrationFixture.Design("rake"), options);
        var share = CalibrationFixture.ThreeMargins.Find("age_band")!.Find("18-34")!.Total / CalibrationFixture.ThreeMargins.Variables[0].Total;
        Assert.Equal(share, raked.Estimates[0], 1e-12);
        foreach (var replicate in raked.Replicates(0))
        {
            Assert.Equal(share, replicate, 1e-10);
        }

        // Without recalibration the share varies from replicate to replicate.
        var plain = Bootstrap.Replicate(young, 1, CalibrationFixture.Design("none"), options);
        Assert.True(BootstrapIntervals.StandardDeviation(plain.Replicates(0)) > 0.01);
    }

    [Fact]
    public void The_same_seed_gives_the_same_replicates_whatever_the_threads()
    {
        var survey = CalibrationFixture.Survey;
        var design = CalibrationFixture.Design("linear");
        var values = NetScore.ScoreMatrix(survey);
        var one = Bootstrap.Replicate(values, survey.ScenarioCount, design, new BootstrapOptions { Replicates = 300, Seed = 7, MaxDegreeOfParallelism = 1 });
        var all = Bootstrap.Replicate(values, survey.ScenarioCount, design, new BootstrapOptions { Replicates = 300, Seed = 7 });
        var other = Bootstrap.Replicate(values, survey.ScenarioCount, design, new BootstrapOptions { Replicates = 300, Seed = 8 });
        for (var j = 0; j < survey.ScenarioCount; j++)
        {
            Assert.Equal(one.Replicates(j).ToArray(), all.Replicates(j).ToArray());
            Assert.NotEqual(one.Replicates(j).ToArray(), other.Replicates(j).ToArray());
        }
    }

    [Fact]
    public void Bca_on_a_calibrated_design_recalibrates_the_jackknife_too()
    {
        var survey = CalibrationFixture.Survey;
        var values = NetScore.ScoreMatrix(survey);
        var options = new BootstrapOptions { Replicates = 200, Seed = 3 };
        var calibrated = Bootstrap.Replicate(values, survey.ScenarioCount, CalibrationFixture.Design("rake"), options);
        var fixedWeights = Bootstrap.Replicate(values, survey.ScenarioCount,
            survey.Design(new DesignSpec { Weight = "weight", Strata = "stratum", Cluster = "cluster" }), options);
        var bca = NetScore.BootstrapEachScenario(survey, CalibrationFixture.Design("rake"), IntervalMethod.BootstrapBca, options);
        for (var j = 0; j < survey.ScenarioCount; j++)
        {
            Assert.True(bca[j].Score.Interval.Contains(bca[j].Score.Estimate));
            Assert.NotEqual(fixedWeights.JackknifeInfluence(j).ToArray(), calibrated.JackknifeInfluence(j).ToArray());
            foreach (var l in calibrated.JackknifeInfluence(j))
            {
                Assert.True(double.IsFinite(l));
            }
        }
    }

    [Fact]
    public void Replicates_that_cannot_be_calibrated_are_an_error_not_a_NaN()
    {
        // Post-stratified on the clusters themselves: every replicate leaves some cluster out, so its level has nobody.
        var survey = CalibrationFixture.Survey;
        var clusters = survey.Column("cluster");
        var margins = PopulationMargins.Create(clusters.Levels.Select(c => ("cluster", c, 100.0)));
        var design = survey.Design(new DesignSpec { Weight = "weight", Strata = "stratum", Cluster = "cluster", Calibration = new CalibrationSpec(margins, CalibrationMethod.PostStratify) });
        var error = Assert.Throws<InsufficientDataException>(() =>
            NetScore.BootstrapEachScenario(survey, design, IntervalMethod.BootstrapPercentile, new BootstrapOptions { Replicates = 50, Seed = 1 }));
        Assert.Contains("50 of 50 replicates could not be", error.Message, StringComparison.Ordinal);
        Assert.Contains("poststratify", error.Message, StringComparison.Ordinal);
    }
}
