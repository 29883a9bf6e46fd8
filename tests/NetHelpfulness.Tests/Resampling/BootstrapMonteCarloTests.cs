using MathNet.Numerics.Distributions;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Resampling;

/// <summary>
/// Our bootstrap against R boot's on the same data, within Monte-Carlo error. Both sides use B = 50,000 replicates
/// (seeded, so the test is deterministic). Tolerances are 5 Monte-Carlo standard deviations of the difference of two
/// independent bootstrap runs: for the SE (an SD of B replicates) σ·√(1/(2B) + 1/(2B)); for an end point at tail
/// probability α, √2 · σ·√(α(1 − α)/B) / φ(Φ⁻¹(α)), σ the bootstrap SE. With B = 50,000 these are 2.2% of σ for the
/// SE and 8.4% of σ for the 95% end points: tight enough to catch an unweighted statistic, a missing stratum or
/// Rao–Wu's n_h − 1 draws with clusters, loose enough never to fail by chance.
/// </summary>
public class BootstrapMonteCarloTests
{
    private const int Replicates = 50_000;
    private const double Sigmas = 5;

    [Theory]
    [InlineData("bootstrap-mc-respondents", "strata")]
    [InlineData("bootstrap-mc-clusters", "strata-clusters")]
    public void Every_scenario_matches_R_boot_within_Monte_Carlo_error(string expectedFile, string designName)
    {
        var survey = ResamplingData.Load(designName);
        var options = new BootstrapOptions { Replicates = Replicates, Seed = 11 };
        var percentile = NetScore.BootstrapEachScenario(survey, IntervalMethod.BootstrapPercentile, options);
        var bca = NetScore.BootstrapEachScenario(survey, IntervalMethod.BootstrapBca, options);
        var expected = ResamplingData.Expected(expectedFile);
        Assert.Equal(survey.ScenarioCount, expected.Count);
        foreach (var row in expected)
        {
            var p = percentile.Single(s => s.Scenario == row["column"]).Score;
            var b = bca.Single(s => s.Scenario == row["column"]).Score;
            AssertWithinMonteCarloError(row, p.Estimate, p.StandardError, p.Interval, b.Interval);
        }
    }

    [Fact]
    public void A_paired_difference_matches_R_boot_within_Monte_Carlo_error()
    {
        var survey = ResamplingData.Load("strata");
        var design = survey.Design();
        var a = survey.Scores(survey.ScenarioIndex("sale_alert"));
        var b = survey.Scores(survey.ScenarioIndex("overheard_coffee_ad"));
        var options = new BootstrapOptions { Replicates = Replicates, Seed = 12 };
        var percentile = PairedDifference.Bootstrap(a, b, design, IntervalMethod.BootstrapPercentile, options);
        var bca = PairedDifference.Bootstrap(a, b, design, IntervalMethod.BootstrapBca, options);
        AssertWithinMonteCarloError(ResamplingData.Expected("paired-bootstrap-mc").Single(), percentile.Estimate, percentile.StandardError, percentile.Interval, bca.Interval);
    }

    private static void AssertWithinMonteCarloError(Dictionary<string, string> row, double estimate, double se, ConfidenceInterval percentile, ConfidenceInterval bca)
    {
        Assert.Equal(Replicates, (int)row.Number("replicates"));
        Assert.Equal(row.Number("estimate"), estimate, ResamplingData.Tolerance);
        var sigma = row.Number("se");
        Assert.Equal(sigma, se, Sigmas * sigma * Math.Sqrt(1.0 / Replicates));
        var endpoint = Sigmas * Math.Sqrt(2) * sigma * Math.Sqrt(0.025 * 0.975 / Replicates) / Normal.PDF(0, 1, Normal.InvCDF(0, 1, 0.025));
        Assert.Equal(row.Number("perc_low"), percentile.Lower, endpoint);
        Assert.Equal(row.Number("perc_high"), percentile.Upper, endpoint);
        Assert.Equal(row.Number("bca_low"), bca.Lower, endpoint);
        Assert.Equal(row.Number("bca_high"), bca.Upper, endpoint);
    }
}
