using NetHelpfulness.Estimation;
using NetHelpfulness.Simulation;
using NetHelpfulness.Tests.Cli;

namespace NetHelpfulness.Tests.Simulation;

/// <summary>Seeded Monte-Carlo calibration: at n = 1,000 every 95% method must cover the true net score 94–96% of the time.</summary>
public class CoverageStudyTests
{
    // 5,000 samples: Monte-Carlo SE 0.31 points, so the 94–96% window is ±3.2 SE around 95%.
    private const int Replicates = 5000;

    [Fact]
    public void Every_closed_form_method_covers_within_94_to_96_percent_at_n_1000()
    {
        var results = CoverageStudy.Run(CoverageStudy.ClosedFormMethods, CoverageStudy.DefaultTruths, [1000], Replicates);
        Assert.Equal(CoverageStudy.ClosedFormMethods.Count * CoverageStudy.DefaultTruths.Count, results.Count);
        Assert.All(results, r => Assert.True(r.Coverage is >= 0.94 and <= 0.96,
            $"{r.Method} at {r.Truth}, n = {r.N}: coverage {r.Coverage:P2}"));
    }

    [Fact]
    public void Both_bootstrap_methods_cover_within_94_to_96_percent_at_n_1000()
    {
        // 2,500 samples of the article's sale-alert shares, each bootstrapped with B = 999 by the real engine:
        // Monte-Carlo SE 0.44 points, so the window is ±2.3 SE (fewer samples than above: each costs a bootstrap).
        var results = CoverageStudy.Run(CoverageStudy.BootstrapMethods(999), [new ShareTriple(0.68, 0.21, 0.11)], [1000], 2500);
        Assert.Equal(2, results.Count);
        Assert.All(results, r => Assert.True(r.Coverage is >= 0.94 and <= 0.96, $"{r.Method} at {r.Truth}, n = {r.N}: coverage {r.Coverage:P2}"));
    }

    [Fact]
    public void A_too_narrow_interval_fails_the_same_check()
    {
        // Negative control: Wald with its SE shrunk by 10% covers about 93%, outside the window the test above enforces.
        var narrow = new CoverageMethod("narrow-wald", (s, level) =>
        {
            var e = NetScore.Wald(s, level);
            return ConfidenceInterval.Normal(e.Estimate, 0.9 * e.StandardError, level);
        });
        var result = CoverageStudy.Run([narrow], [new ShareTriple(0.4, 0.2, 0.4)], [1000], Replicates).Single();
        Assert.True(result.Coverage < 0.94, $"coverage {result.Coverage:P2}");
    }

    [Fact]
    public void Small_samples_show_the_wald_interval_undercovering()
    {
        // Rocks (2016): at n = 30 near the boundary the Wald interval covers far below nominal; adjusted Wald does not.
        var results = CoverageStudy.Run(CoverageStudy.ClosedFormMethods, [new ShareTriple(0.90, 0.08, 0.02)], [30], 2000);
        Assert.True(results.Single(r => r.Method == "wald").Coverage < 0.90);
        Assert.True(results.Single(r => r.Method == "adjusted-wald").Coverage > 0.93);
    }

    [Fact]
    public void Same_seed_gives_the_same_study()
    {
        var a = CoverageStudy.Run(CoverageStudy.ClosedFormMethods, CoverageStudy.DefaultTruths, [50], 300, seed: 7);
        var b = CoverageStudy.Run(CoverageStudy.ClosedFormMethods, CoverageStudy.DefaultTruths, [50], 300, seed: 7);
        Assert.Equal(a, b);
        var c = CoverageStudy.Run(CoverageStudy.ClosedFormMethods, CoverageStudy.DefaultTruths, [50], 300, seed: 8);
        Assert.NotEqual(a.Select(r => r.Covered), c.Select(r => r.Covered));
    }

    [Fact]
    public void Shares_that_do_not_sum_to_one_are_refused()
    {
        Assert.Throws<ArgumentException>(() => CoverageStudy.Run(CoverageStudy.ClosedFormMethods, [new ShareTriple(0.5, 0.5, 0.5)], [100], 10));
    }

    [Fact]
    public void Sample_size_below_two_is_refused()
    {
        Assert.Throws<ArgumentException>(() => CoverageStudy.Run(CoverageStudy.ClosedFormMethods, CoverageStudy.DefaultTruths, [1], 10));
    }

    [Fact]
    public void Zero_replicates_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CoverageStudy.Run(CoverageStudy.ClosedFormMethods, CoverageStudy.DefaultTruths, [100], 0));
    }

    [Fact]
    public void Cli_prints_a_table_and_refuses_unknown_methods()
    {
        var ok = CliRunner.Run("coverage", "--replicates", "50", "--sizes", "30,100", "--methods", "wald,tango");
        Assert.Equal(0, ok.ExitCode);
        Assert.Contains("synthetic", ok.Stdout, StringComparison.Ordinal);
        Assert.Contains("tango cov%", ok.Stdout, StringComparison.Ordinal);
        var bad = CliRunner.Run("coverage", "--methods", "magic");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("", bad.Stdout);
        Assert.Contains("unknown method 'magic'", bad.Stderr, StringComparison.Ordinal);
    }
}
