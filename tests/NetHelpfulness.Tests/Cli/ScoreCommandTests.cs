using System.Text.Json;

namespace NetHelpfulness.Tests.Cli;

/// <summary><c>nethelp score</c> end to end: JSON against R, formats and exit codes.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private static readonly string Input = ReferenceFiles.Path("tests", "reference", "data", "stratified-clustered.csv");
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string, string[]> Cases => new()
    {
        { "linearized-weighted-strata-clusters", ["--weight", "weight", "--strata", "stratum", "--cluster", "cluster"] },
        { "linearized-weighted-strata", ["--weight", "weight", "--strata", "stratum"] },
        { "linearized-weighted", ["--weight", "weight"] },
        { "linearized-unweighted-clusters", ["--cluster", "cluster"] },
        { "linearized-unweighted", [] },
        { "wald", ["--ci", "wald"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Json_equals_R_survey_in_every_field(string expectedFile, string[] options)
    {
        var result = CliRunner.Run(["score", "--input", Input, "--format", "json", .. options]);
        Assert.Equal(0, result.ExitCode);
        CliRunner.AssertOnlyNotes(result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(Input, root.GetProperty("input").GetString());
        Assert.Equal(expectedFile == "wald" ? "wald" : "linearized", root.GetProperty("method").GetString());
        Assert.Equal(0.95, root.GetProperty("level").GetDouble());
        var expected = ReferenceFiles.ReadTable($"tests/reference/expected/{expectedFile}.csv");
        var scenarios = root.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(expected.Count, scenarios.Count);
        foreach (var row in expected)
        {
            var s = scenarios.Single(x => x.GetProperty("scenario").GetString() == row["scenario"]);
            Assert.Equal((int)row.Number("n"), s.GetProperty("n").GetInt32());
            foreach (var field in new[] { "helpful", "neutral", "creepy", "net", "se", "ci_low", "ci_high", "design_effect", "effective_n" })
            {
                Assert.Equal(row.Number(field), s.GetProperty(field).GetDouble(), 1e-9);
            }
        }
    }

    [Fact]
    public void Csv_format_round_trips_the_numbers()
    {
        var result = CliRunner.Run("score", "--input", Input, "--format", "csv", "--weight", "weight", "--strata", "stratum", "--cluster", "cluster");
        Assert.Equal(0, result.ExitCode);
        var path = _temp.File("out.csv", result.Stdout);
        var expected = ReferenceFiles.ReadTable("tests/reference/expected/linearized-weighted-strata-clusters.csv");
        var actual = File.ReadAllLines(path).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0]);
        foreach (var row in expected)
        {
            Assert.Equal(row.Number("net"), double.Parse(actual[row["scenario"]][5], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
        }
    }

    [Fact]
    public void Table_is_aligned_and_shows_percentages()
    {
        var result = CliRunner.Run("score", "--input", Input);
        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines.Single(l => l.StartsWith("scenario", StringComparison.Ordinal));
        var rows = lines.SkipWhile(l => l != header).Skip(2).ToList();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Equal(header.Length, r.Length));
        Assert.Contains("95% CI", header, StringComparison.Ordinal);
        // Unweighted alpha: 113 helpful, 30 neutral, 34 creepy of 177 (see expected/wald.csv); linearized uses n − 1, so the interval is a little wider than Wald.
        var alpha = rows.Single(r => r.StartsWith("alpha", StringComparison.Ordinal));
        Assert.Matches(@"^alpha\s+177\s+63\.8\s+16\.9\s+19\.2\s+\+44\.6\s+\[\+32\.9, \+56\.4\]", alpha);
    }

    [Fact]
    public void Wald_with_a_weight_is_a_usage_error()
    {
        var result = CliRunner.Run("score", "--input", Input, "--ci", "wald", "--weight", "weight");
        AssertBadInput(result, "wald");
    }

    [Fact]
    public void Unknown_option_is_a_usage_error()
    {
        AssertBadInput(CliRunner.Run("score", "--input", Input, "--colour", "red"), "unknown option --colour");
    }

    [Fact]
    public void Missing_input_is_a_usage_error()
    {
        AssertBadInput(CliRunner.Run("score"), "--input is required");
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("abc")]
    public void Bad_level_is_a_usage_error(string level)
    {
        AssertBadInput(CliRunner.Run("score", "--input", Input, "--level", level), "--level");
    }

    [Fact]
    public void Unknown_method_is_a_usage_error()
    {
        AssertBadInput(CliRunner.Run("score", "--input", Input, "--ci", "magic"), "--ci must be one of");
    }

    [Fact]
    public void Unknown_command_is_a_usage_error()
    {
        AssertBadInput(CliRunner.Run("scroe"), "unknown command");
    }

    [Fact]
    public void Malformed_file_exits_2_with_file_and_line_and_prints_nothing_on_stdout()
    {
        var path = _temp.File("bad.csv", "respondent_id,country,scenario,rating\nr1,DE,a,4\nr2,DE,a,6\n");
        var result = CliRunner.Run("score", "--input", path, "--format", "json");
        AssertBadInput(result, path + ":3: column 'rating': found '6'");
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Lonely_psu_exits_2_unless_a_rule_is_chosen()
    {
        var path = _temp.File("lonely.csv", "respondent_id,country,st,scenario,rating\nr1,DE,A,a,4\nr2,DE,A,a,2\nr3,DE,B,a,5\n");
        AssertBadInput(CliRunner.Run("score", "--input", path, "--strata", "st"), "single primary sampling unit");
        Assert.Equal(0, CliRunner.Run("score", "--input", path, "--strata", "st", "--lonely-psu", "certainty").ExitCode);
    }

    [Fact]
    public void Other_scale_needs_both_ranges()
    {
        AssertBadInput(CliRunner.Run("score", "--input", Input, "--scale-max", "7"), "--helpful");
    }

    [Fact]
    public void Wide_file_scores_like_the_long_one()
    {
        var wide = ReferenceFiles.Path("tests", "reference", "data", "stratified-clustered-wide.csv");
        var a = CliRunner.Run("score", "--input", Input, "--format", "csv");
        var b = CliRunner.Run("score", "--input", wide, "--scenario-prefix", "q_", "--format", "csv");
        Assert.Equal(0, b.ExitCode);
        Assert.Equal(a.Stdout.Split('\n').Order(), b.Stdout.Split('\n').Order());
    }

    private static void AssertBadInput(CliResult result, string expectedText)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains(expectedText, result.Stderr, StringComparison.Ordinal);
    }
}
