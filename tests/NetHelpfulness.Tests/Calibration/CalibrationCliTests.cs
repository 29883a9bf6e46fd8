using System.Globalization;
using System.Text;
using System.Text.Json;
using NetHelpfulness.Tests.Cli;

namespace NetHelpfulness.Tests.Calibration;

/// <summary>
/// <c>nethelp weight</c> and <c>--calibrate</c> on the survey commands, as a new user would run them: against R's
/// weights and scores, the round trip through a weight column, shares, and every refusal (exit 2, a reason, nothing written).
/// </summary>
public sealed class CalibrationCliTests : IDisposable
{
    private static readonly string Input = CalibrationFixture.Input;
    private static readonly string[] Design = ["--weight", "weight", "--strata", "stratum", "--cluster", "cluster"];
    private static readonly string Margins = CalibrationFixture.MarginsPath("margins-age-gender-region.csv");
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("rake", "rake", "--tolerance", "1e-10", "--max-iterations", "100")]
    [InlineData("rake_default", "rake")]
    [InlineData("linear", "linear")]
    [InlineData("raking_bounded", "raking", "--bounds", "0.4,1.7")]
    [InlineData("logit_bounded", "logit", "--bounds", "0.4,1.7")]
    public void Weight_writes_Rs_weights(string reference, string method, params string[] extra)
    {
        var output = Path.Combine(_temp.Path, "w.csv");
        var result = CliRunner.Run(["weight", "--input", Input, .. Design, "--margins", Margins, "--method", method, .. extra, "--out", output]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("", result.Stdout);
        var written = File.ReadAllLines(output);
        Assert.Equal("respondent_id,weight", written[0]);
        var weights = written.Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        var rows = CalibrationFixture.Expected("weights");
        Assert.Equal(rows.Count, weights.Count);
        foreach (var row in rows)
        {
            Assert.Equal(1, weights[row["respondent_id"]] / row.Number(reference), 1e-8);
        }

        Assert.Contains(method == "linear" ? "closed form" : "converged in", result.Stderr, StringComparison.Ordinal);
        foreach (var expected in new[] { "Kish design effect from weighting", "effective n", "max/min", "factors w/d", $"wrote {output}" })
        {
            Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Poststratify_on_crossed_columns_writes_Rs_weights()
    {
        var output = Path.Combine(_temp.Path, "w.csv");
        var result = CliRunner.Run(["weight", "--input", Input, .. Design, "--margins", CalibrationFixture.MarginsPath("margins-age-by-gender.csv"), "--method", "poststratify", "--out", output]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var weights = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        foreach (var row in CalibrationFixture.Expected("weights"))
        {
            Assert.Equal(1, weights[row["respondent_id"]] / row.Number("poststratify"), 1e-8);
        }

        Assert.Contains("closed form", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_with_calibrate_equals_R_in_json()
    {
        var result = CliRunner.Run(["score", "--input", Input, .. Design, "--calibrate", Margins, "--calibration", "rake", "--tolerance", "1e-10", "--max-iterations", "100", "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var calibration = json.RootElement.GetProperty("calibration");
        Assert.Equal("rake", calibration.GetProperty("method").GetString());
        Assert.Equal(["age_band", "gender", "region"], calibration.GetProperty("variables").EnumerateArray().Select(v => v.GetString()));
        var scenarios = json.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        foreach (var row in CalibrationFixture.Expected("scores").Where(r => r["design"] == "rake"))
        {
            var s = scenarios.Single(x => x.GetProperty("scenario").GetString() == row["scenario"]);
            Assert.Equal(row.Number("estimate"), s.GetProperty("net").GetDouble(), 1e-9);
            Assert.Equal(row.Number("se"), s.GetProperty("se").GetDouble(), 1e-9);
        }

        var table = CliRunner.Run(["score", "--input", Input, .. Design, "--calibrate", Margins, "--calibration", "rake"]);
        Assert.Contains("calibrated: rake to", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("with the calibration residuals", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_by_group_with_calibrate_equals_R_svyby()
    {
        var result = CliRunner.Run(["score", "--input", Input, .. Design, "--calibrate", Margins, "--calibration", "linear", "--by", "region", "--reference", "east", "--min-cell", "1", "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        var differences = json.RootElement.GetProperty("differences").EnumerateArray().ToList();
        var rows = CalibrationFixture.Expected("groups").Where(r => r["design"] == "linear").ToList();
        Assert.NotEmpty(rows);
        foreach (var row in rows)
        {
            var g = groups.Single(x => x.GetProperty("group").GetString() == row["group"] && x.GetProperty("scenario").GetString() == row["scenario"]);
            Assert.Equal(row.Number("estimate"), g.GetProperty("net").GetDouble(), 1e-9);
            Assert.Equal(row.Number("se"), g.GetProperty("se").GetDouble(), 1e-9);
            if (row["group"] != "east")
            {
                var d = differences.Single(x => x.GetProperty("group").GetString() == row["group"] && x.GetProperty("scenario").GetString() == row["scenario"]);
                Assert.Equal(row.Number("difference_se"), d.GetProperty("se").GetDouble(), 1e-9);
            }
        }

        Assert.Equal("linear", json.RootElement.GetProperty("calibration").GetProperty("method").GetString());
    }

    [Fact]
    public void Compare_and_effects_use_the_calibrated_design()
    {
        var paired = CalibrationFixture.Expected("paired").First(r => r["design"] == "linear");
        var compare = CliRunner.Run(["compare", "--input", Input, .. Design, "--calibrate", Margins, "--calibration", "linear", "--a", paired["a"], "--b", paired["b"], "--format", "json"]);
        Assert.True(compare.ExitCode == 0, compare.Stderr);
        using (var json = JsonDocument.Parse(compare.Stdout))
        {
            Assert.Equal(paired.Number("estimate"), json.RootElement.GetProperty("estimate").GetDouble(), 1e-9);
            Assert.Equal(paired.Number("se"), json.RootElement.GetProperty("se").GetDouble(), 1e-9);
        }

        var contrast = CalibrationFixture.Expected("contrasts").Single(r => r["design"] == "linear");
        var combined = CliRunner.Run(["compare", "--input", Input, .. Design, "--calibrate", Margins, "--calibration", "linear", "--contrast", contrast["contrast"].Replace(';', ','), "--format", "json"]);
        Assert.True(combined.ExitCode == 0, combined.Stderr);
        using (var json = JsonDocument.Parse(combined.Stdout))
        {
            Assert.Equal(contrast.Number("se"), json.RootElement.GetProperty("contrast").GetProperty("se").GetDouble(), 1e-9);
        }

        var effects = CliRunner.Run(["effects", "--input", Input, .. Design, "--calibrate", Margins, "--calibration", "linear", "--scenarios", ReferenceFiles.Path("data", "scenarios.csv")]);
        Assert.True(effects.ExitCode == 0, effects.Stderr);
        Assert.Contains("calibrated: linear", effects.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Weights_read_back_as_a_weight_column_give_the_calibrated_net_scores()
    {
        var output = Path.Combine(_temp.Path, "w.csv");
        Assert.Equal(0, CliRunner.Run(["weight", "--input", Input, .. Design, "--margins", Margins, "--method", "rake", "--out", output]).ExitCode);
        var weights = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[1]);
        var lines = File.ReadAllLines(Input);
        var merged = new StringBuilder(lines[0] + ",calibrated_weight\n");
        foreach (var line in lines.Skip(1))
        {
            merged.Append(line).Append(',').Append(weights[line[..line.IndexOf(',', StringComparison.Ordinal)]]).Append('\n');
        }

        var mergedPath = _temp.File("merged.csv", merged.ToString());
        var byColumn = Scores(CliRunner.Run(["score", "--input", mergedPath, "--weight", "calibrated_weight", "--strata", "stratum", "--cluster", "cluster", "--format", "json"]));
        var calibrated = Scores(CliRunner.Run(["score", "--input", Input, .. Design, "--calibrate", Margins, "--calibration", "rake", "--format", "json"]));
        foreach (var (scenario, (net, se)) in calibrated)
        {
            Assert.Equal(net, byColumn[scenario].Net, 1e-12);
            // The weight column alone does not know the weights were calibrated: its SE ignores the calibration.
            Assert.NotEqual(se, byColumn[scenario].Se, 6);
        }
    }

    [Fact]
    public void Shares_times_the_population_give_the_same_weights_as_totals()
    {
        var fromTotals = Path.Combine(_temp.Path, "totals.csv");
        var fromShares = Path.Combine(_temp.Path, "shares.csv");
        Assert.Equal(0, CliRunner.Run(["weight", "--input", Input, .. Design, "--margins", Margins, "--method", "linear", "--out", fromTotals]).ExitCode);
        var shares = CliRunner.Run(["weight", "--input", Input, .. Design, "--margins", CalibrationFixture.MarginsPath("margins-age-gender-region-shares.csv"),
            "--margins-as-shares", "--population", "250000", "--method", "linear", "--out", fromShares]);
        Assert.True(shares.ExitCode == 0, shares.Stderr);
        var a = File.ReadAllLines(fromTotals).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        var b = File.ReadAllLines(fromShares).Skip(1).Select(l => double.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(a.Count, b.Count);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(1, a[i] / b[i], 1e-12);
        }
    }

    public static TheoryData<string, string, string[]> Refusals => new()
    {
        { "margin level absent from the sample", "variable,level,total\nage_band,18-34,72500\nage_band,35-54,92500\nage_band,55+,80000\nage_band,75+,5000\n", ["'75+'", "absent from the sample", "margins.csv:5: column 'level'"] },
        { "level of the data without a margin", "variable,level,total\nage_band,18-34,72500\nage_band,35-54,177500\n", ["'55+'", "design-survey.csv:", "needs a margin"] },
        { "a margin of zero", "variable,level,total\nage_band,18-34,0\nage_band,35-54,92500\nage_band,55+,85000\n", ["margin of zero", "margins.csv:2: column 'total'"] },
        { "a variable not in the file", "variable,level,total\nincome,low,1000\nincome,high,2000\n", ["margins.csv:2: column 'variable': found 'income'", "respondent-level column"] },
        { "margins of different populations", "variable,level,total\nage_band,18-34,72500\nage_band,35-54,92500\nage_band,55+,85000\ngender,female,100000\ngender,male,100000\n", ["same population", "'gender'", "250000"] },
        { "a total that is not a number", "variable,level,total\nage_band,18-34,many\n", ["'many'", "finite number"] },
        { "a level twice", "variable,level,total\nage_band,18-34,1\nage_band,18-34,2\n", ["margins.csv:3: column 'level'", "once (also on line 2)"] },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Bad_margins_exit_2_with_the_reason_and_write_nothing(string what, string margins, string[] expected)
    {
        var path = _temp.File("margins.csv", margins);
        var output = Path.Combine(_temp.Path, "w.csv");
        var result = CliRunner.Run(["weight", "--input", Input, .. Design, "--margins", path, "--method", "rake", "--out", output]);
        Assert.True(result.ExitCode == 2, $"{what}: exit {result.ExitCode}, {result.Stderr}");
        Assert.Equal("", result.Stdout);
        Assert.False(File.Exists(output), what);
        Assert.Empty(Directory.GetFiles(_temp.Path, "*.tmp", SearchOption.AllDirectories));
        foreach (var text in expected)
        {
            Assert.Contains(text, result.Stderr, StringComparison.Ordinal);
        }

        var score = CliRunner.Run(["score", "--input", Input, .. Design, "--calibrate", path, "--calibration", "rake"]);
        Assert.Equal(2, score.ExitCode);
        Assert.Equal("", score.Stdout);
    }

    [Fact]
    public void Raking_that_does_not_converge_exits_2_and_writes_nothing()
    {
        var output = Path.Combine(_temp.Path, "w.csv");
        var result = CliRunner.Run(["weight", "--input", Input, .. Design, "--margins", Margins, "--method", "rake", "--max-iterations", "2", "--out", output]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("raking did not converge in 2 passes", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        // The factors must range from about 0.55 to 1.95 (times the mean scale): bounds of 0.9 to 1.1 cannot meet the margins.
        var score = CliRunner.Run(["score", "--input", Input, .. Design, "--calibrate", Margins, "--calibration", "raking", "--bounds", "0.9,1.1"]);
        Assert.Equal(2, score.ExitCode);
        Assert.Contains("did not converge in 50 iterations (R's grake steps, nor Newton's with the exact derivative)", score.Stderr, StringComparison.Ordinal);
        Assert.Equal("", score.Stdout);
    }

    [Fact]
    public void Bounded_raking_that_R_does_not_converge_in_50_iterations_reaches_Rs_solution_with_the_exact_derivative()
    {
        // R: calibrate(..., calfun = "raking", bounds = c(0.62, 1.7)) fails in 50 iterations and converges in 100 (raking_both_bounds).
        var output = Path.Combine(_temp.Path, "w.csv");
        var result = CliRunner.Run(["weight", "--input", Input, .. Design, "--margins", Margins, "--method", "raking", "--bounds", "0.62,1.7", "--out", output]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Newton's with the exact derivative", result.Stderr, StringComparison.Ordinal);
        var weights = File.ReadAllLines(output).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        var worst = CalibrationFixture.Expected("weights").Max(row => Math.Abs((weights[row["respondent_id"]] / row.Number("raking_both_bounds")) - 1));
        Assert.True(worst < 1e-6, $"largest relative difference from R's 100 iterations: {worst:G3}");
    }

    public static TheoryData<string[], string> Usage => new()
    {
        { ["--method", "rake", "--bounds", "0.5,2"], "bounds apply to linear, raking and logit" },
        { ["--method", "logit"], "logit calibration needs bounds" },
        { ["--method", "linear", "--bounds", "1.2,3"], "lower bound must be at least 0 and below 1" },
        { ["--method", "poststratify", "--tolerance", "1e-3"], "closed form" },
        { ["--method", "rake", "--population", "1000"], "--population applies with --margins-as-shares only" },
        { ["--method", "rake", "--margins-as-shares"], "needs --population" },
        { ["--method", "iterate"], "must be one of poststratify, rake, linear, raking, logit" },
        { [], "needs --method" },
    };

    [Theory]
    [MemberData(nameof(Usage))]
    public void Usage_mistakes_exit_2(string[] options, string expected)
    {
        var result = CliRunner.Run(["weight", "--input", Input, .. Design, "--margins", Margins, .. options, "--out", Path.Combine(_temp.Path, "w.csv")]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_temp.Path, "w.csv")));
    }

    [Fact]
    public void Calibration_options_without_margins_and_wald_on_a_calibrated_design_are_refused()
    {
        var stray = CliRunner.Run(["score", "--input", Input, "--calibration", "rake"]);
        Assert.Equal(2, stray.ExitCode);
        Assert.Contains("--calibration applies with --calibrate FILE only", stray.Stderr, StringComparison.Ordinal);
        var wald = CliRunner.Run(["score", "--input", Input, "--calibrate", Margins, "--calibration", "rake", "--ci", "wald"]);
        Assert.Equal(2, wald.ExitCode);
        Assert.Contains("drop --calibrate", wald.Stderr, StringComparison.Ordinal);
        var existing = _temp.File("exists.csv", "keep me\n");
        var refused = CliRunner.Run(["weight", "--input", Input, "--margins", Margins, "--method", "rake", "--out", existing]);
        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("keep me\n", File.ReadAllText(existing));
        var intoInput = CliRunner.Run(["weight", "--input", Input, "--margins", Margins, "--method", "rake", "--out", Input, "--force"]);
        Assert.Equal(2, intoInput.ExitCode);
        Assert.Contains("is the --input file", intoInput.Stderr, StringComparison.Ordinal);
    }

    private static Dictionary<string, (double Net, double Se)> Scores(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.GetProperty("scenarios").EnumerateArray().ToDictionary(
            s => s.GetProperty("scenario").GetString()!, s => (s.GetProperty("net").GetDouble(), s.GetProperty("se").GetDouble()));
    }
}
