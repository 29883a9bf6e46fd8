using System.Text.Json;
using NetHelpfulness.Cli;

namespace NetHelpfulness.Tests.ClosedForms;

/// <summary><c>nethelp ratio</c>, <c>nethelp plan</c> and <c>nethelp score --ci adjusted-wald|tango</c>, run in-process.</summary>
public sealed class ClosedFormCliTests : IDisposable
{
    private const double Tolerance = 1e-9;
    private static readonly string Trust = ReferenceFiles.Path("tests", "reference", "data", "closed-forms", "trust-design.csv");
    private static readonly string Ratings = ReferenceFiles.Path("tests", "reference", "data", "closed-forms", "ratings-design.csv");
    private readonly string _folder = Directory.CreateTempSubdirectory("nethelp-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Ratio_json_has_exactly_the_documented_shape_and_equals_R()
    {
        var (code, stdout, stderr) = Run("ratio", "--input", Trust, "--exposure", "transparent_humane", "--outcome", "shares_personal_info",
            "--weight", "weight", "--strata", "stratum", "--cluster", "cluster", "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["exposure", "outcome", "n_exposed", "n_unexposed", "risk_ratio", "odds_ratio", "risk_difference"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("transparent_humane", root.GetProperty("exposure").GetString());
        Assert.Equal("shares_personal_info", root.GetProperty("outcome").GetString());
        var row = ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/ratio-design.csv")
            .Single(r => r["design"] == "weighted-strata-clusters" && r["outcome"] == "shares_personal_info");
        Assert.Equal((int)row.Number("n_exposed"), root.GetProperty("n_exposed").GetInt32());
        Assert.Equal((int)row.Number("n_unexposed"), root.GetProperty("n_unexposed").GetInt32());
        foreach (var (name, prefix, method) in new[] { ("risk_ratio", "rr", "linearized-log"), ("odds_ratio", "or", "linearized-logit"), ("risk_difference", "rd", "linearized") })
        {
            var effect = root.GetProperty(name);
            Assert.Equal(["estimate", "ci_low", "ci_high", "method"], effect.EnumerateObject().Select(p => p.Name));
            Assert.Equal(row.Number(prefix), effect.GetProperty("estimate").GetDouble(), Tolerance);
            Assert.Equal(row.Number(prefix + "_ci_low"), effect.GetProperty("ci_low").GetDouble(), Tolerance);
            Assert.Equal(row.Number(prefix + "_ci_high"), effect.GetProperty("ci_high").GetDouble(), Tolerance);
            Assert.Equal(method, effect.GetProperty("method").GetString());
        }
    }

    [Fact]
    public void Ratio_without_a_design_uses_the_closed_forms()
    {
        var (code, stdout, _) = Run("ratio", "--input", Trust, "--exposure", "transparent_humane", "--outcome", "shares_personal_info", "--format", "json", "--level", "0.9");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var row = ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/ratio-counts.csv")
            .Single(r => r["outcome"] == "shares_personal_info" && r.Number("level") == 0.9);
        var rr = json.RootElement.GetProperty("risk_ratio");
        Assert.Equal("katz-log", rr.GetProperty("method").GetString());
        Assert.Equal(row.Number("rr_ci_low"), rr.GetProperty("ci_low").GetDouble(), Tolerance);
        Assert.Equal("woolf-logit", json.RootElement.GetProperty("odds_ratio").GetProperty("method").GetString());
        Assert.Equal("wald", json.RootElement.GetProperty("risk_difference").GetProperty("method").GetString());
    }

    [Fact]
    public void Ratio_table_shows_the_three_measures()
    {
        var (code, stdout, _) = Run("ratio", "--input", Trust, "--exposure", "reliable_capable", "--outcome", "shares_digital_info");
        Assert.Equal(0, code);
        Assert.Contains("risk ratio", stdout, StringComparison.Ordinal);
        Assert.Contains("odds ratio", stdout, StringComparison.Ordinal);
        Assert.Contains("risk difference", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Ratio_with_an_empty_cell_exits_2_naming_the_file_and_columns()
    {
        var path = Write("respondent_id,exposed,outcome\nr1,1,1\nr2,1,1\nr3,0,1\nr4,0,0\n");
        var (code, stdout, stderr) = Run("ratio", "--input", path, "--exposure", "exposed", "--outcome", "outcome", "--format", "json");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(path, stderr, StringComparison.Ordinal);
        Assert.Contains("every exposed respondent has the outcome", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ratio_with_a_non_binary_value_exits_2_with_file_line_and_column()
    {
        var path = Write("respondent_id,exposed,outcome\nr1,1,1\nr2,1,yes\n");
        var (code, stdout, stderr) = Run("ratio", "--input", path, "--exposure", "exposed", "--outcome", "outcome");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Equal($"{path}:3: column 'outcome': found 'yes', expected 0 or 1", stderr.TrimEnd());
    }

    [Fact]
    public void Ratio_with_a_missing_column_exits_2() =>
        AssertBadUsage(Run("ratio", "--input", Trust, "--exposure", "nope", "--outcome", "shares_personal_info"), "a column named 'nope'");

    [Fact]
    public void Ratio_with_the_same_exposure_and_outcome_is_bad_usage() =>
        AssertBadUsage(Run("ratio", "--input", Trust, "--exposure", "transparent_humane", "--outcome", "transparent_humane"), "same column");

    [Fact]
    public void Ratio_without_an_outcome_is_bad_usage() =>
        AssertBadUsage(Run("ratio", "--input", Trust, "--exposure", "transparent_humane"), "--outcome is required");

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("95")]
    public void Ratio_with_a_bad_level_is_bad_usage(string level) =>
        AssertBadUsage(Run("ratio", "--input", Trust, "--exposure", "transparent_humane", "--outcome", "shares_personal_info", "--level", level), "--level");

    [Fact]
    public void Ratio_with_a_single_psu_stratum_exits_2()
    {
        var path = Write("respondent_id,stratum,exposed,outcome\nr1,A,1,1\nr2,A,0,0\nr3,B,1,0\nr4,B,0,1\nr5,C,1,1\n");
        AssertBadUsage(Run("ratio", "--input", path, "--exposure", "exposed", "--outcome", "outcome", "--strata", "stratum"), "single primary sampling unit");
    }

    [Fact]
    public void Plan_json_gives_the_sample_size_of_the_issue_example()
    {
        var (code, stdout, stderr) = Run("plan", "--margin", "0.03", "--helpful", "0.6", "--creepy", "0.15", "--design-effect", "1.4", "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(["target", "margin", "level", "design_effect", "helpful", "creepy", "variance", "n_simple_random_sample", "n"], root.EnumerateObject().Select(p => p.Name));
        var row = ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/plan-net.csv")
            .Single(r => r["margin"] == "0.03" && r["helpful"] == "0.6" && r["creepy"] == "0.15" && r["design_effect"] == "1.4" && r["level"] == "0.95");
        Assert.Equal((long)row.Number("n"), root.GetProperty("n").GetInt64());
        Assert.Equal("net_score", root.GetProperty("target").GetString());
    }

    [Fact]
    public void Plan_paired_equals_R()
    {
        var row = ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/plan-paired.csv")
            .First(r => r["correlation"] == "0.4" && r["design_effect"] == "1.4");
        var (code, stdout, _) = Run("plan", "--margin", row["margin"], "--helpful", row["helpful_a"], "--creepy", row["creepy_a"], "--paired",
            "--helpful-b", row["helpful_b"], "--creepy-b", row["creepy_b"], "--correlation", row["correlation"], "--design-effect", row["design_effect"], "--format", "json");
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal("paired_difference", json.RootElement.GetProperty("target").GetString());
        Assert.Equal((long)row.Number("n"), json.RootElement.GetProperty("n").GetInt64());
    }

    [Fact]
    public void Plan_table_prints_both_sizes()
    {
        var (code, stdout, _) = Run("plan", "--margin", "0.03", "--helpful", "0.6", "--creepy", "0.15", "--design-effect", "1.4");
        Assert.Equal(0, code);
        Assert.Contains("2337", stdout, StringComparison.Ordinal);
        Assert.Contains("3272", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--margin", "0", "--margin")]
    [InlineData("--margin", "abc", "--margin")]
    [InlineData("--helpful", "1.2", "--helpful")]
    [InlineData("--creepy", "-0.1", "--creepy")]
    [InlineData("--creepy", "0.5", "must sum to at most 1")]
    [InlineData("--design-effect", "0", "--design-effect")]
    [InlineData("--level", "1", "--level")]
    public void Plan_with_a_bad_number_is_bad_usage(string option, string value, string message)
    {
        var args = new Dictionary<string, string> { ["--margin"] = "0.03", ["--helpful"] = "0.6", ["--creepy"] = "0.15" };
        args[option] = value;
        AssertBadUsage(Run(["plan", .. args.SelectMany(p => new[] { p.Key, p.Value })]), message);
    }

    [Fact]
    public void Plan_without_a_margin_is_bad_usage() =>
        AssertBadUsage(Run("plan", "--helpful", "0.6", "--creepy", "0.15"), "--margin is required");

    [Fact]
    public void Plan_paired_without_its_inputs_is_bad_usage() =>
        AssertBadUsage(Run("plan", "--margin", "0.03", "--helpful", "0.6", "--creepy", "0.15", "--paired", "--helpful-b", "0.3"), "--paired needs --creepy-b, --correlation");

    [Fact]
    public void Plan_paired_inputs_without_paired_are_bad_usage() =>
        AssertBadUsage(Run("plan", "--margin", "0.03", "--helpful", "0.6", "--creepy", "0.15", "--correlation", "0.3"), "add --paired");

    [Fact]
    public void Plan_with_a_correlation_outside_minus_1_1_is_bad_usage() =>
        AssertBadUsage(Run("plan", "--margin", "0.03", "--helpful", "0.6", "--creepy", "0.15", "--paired", "--helpful-b", "0.3", "--creepy-b", "0.4", "--correlation", "1.5"), "--correlation");

    [Theory]
    [InlineData("adjusted-wald")]
    [InlineData("tango")]
    public void Score_with_a_closed_form_interval_equals_R_on_a_weighted_stratified_clustered_file(string method)
    {
        var (code, stdout, stderr) = Run("score", "--input", Ratings, "--weight", "weight", "--strata", "stratum", "--cluster", "cluster", "--ci", method, "--format", "json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(method, json.RootElement.GetProperty("method").GetString());
        var expected = ReferenceFiles.ReadTable("tests/reference/expected/closed-forms/net-score-design.csv")
            .Where(r => r["design"] == "weighted-strata-clusters" && r["method"] == method).ToList();
        var scenarios = json.RootElement.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(expected.Count, scenarios.Count);
        foreach (var row in expected)
        {
            var s = scenarios.Single(x => x.GetProperty("scenario").GetString() == row["scenario"]);
            Assert.Equal(row.Number("net"), s.GetProperty("net").GetDouble(), Tolerance);
            Assert.Equal(row.Number("se"), s.GetProperty("se").GetDouble(), Tolerance);
            Assert.Equal(row.Number("ci_low"), s.GetProperty("ci_low").GetDouble(), Tolerance);
            Assert.Equal(row.Number("ci_high"), s.GetProperty("ci_high").GetDouble(), Tolerance);
            Assert.InRange(s.GetProperty("ci_low").GetDouble(), -1.0, 1.0);
            Assert.InRange(s.GetProperty("ci_high").GetDouble(), -1.0, 1.0);
        }
    }

    [Theory]
    [InlineData("adjusted-wald", "adjusted-wald (Rocks 2016")]
    [InlineData("tango", "tango (Tango 1998")]
    public void Score_table_names_the_closed_form_method(string method, string description)
    {
        var (code, stdout, _) = Run("score", "--input", Ratings, "--ci", method);
        Assert.Equal(0, code);
        Assert.Contains("interval: " + description, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_with_a_single_respondent_gives_finite_bounded_intervals()
    {
        var path = Write("respondent_id,country,scenario,rating\nr1,DE,only,5\n");
        foreach (var method in new[] { "adjusted-wald", "tango" })
        {
            var (code, stdout, stderr) = Run("score", "--input", path, "--ci", method, "--format", "json");
            Assert.True(code == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            var s = json.RootElement.GetProperty("scenarios")[0];
            Assert.InRange(s.GetProperty("ci_low").GetDouble(), -1.0, 1.0);
            Assert.InRange(s.GetProperty("ci_high").GetDouble(), -1.0, 1.0);
        }
    }

    [Fact]
    public void Score_with_an_unknown_interval_is_bad_usage() =>
        AssertBadUsage(Run("score", "--input", Ratings, "--ci", "clopper"), "adjusted-wald, tango");

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLineApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static void AssertBadUsage((int Code, string Stdout, string Stderr) result, string message)
    {
        Assert.Equal(2, result.Code);
        Assert.Equal("", result.Stdout);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    private string Write(string text)
    {
        var path = Path.Combine(_folder, $"f{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }
}
