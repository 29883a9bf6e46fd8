using System.Text.Json;
using NetHelpfulness.Cli;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Resampling;

/// <summary>score --ci bootstrap-*, score --by, compare and effects, run in-process as the program runs them.</summary>
public class CommandLineTests
{
    private static readonly string Input = ResamplingData.SurveyPath;

    [Fact]
    public void Score_with_the_bootstrap_is_reproducible_for_a_seed_and_equals_the_library()
    {
        string[] args = ["score", "--input", Input, .. ResamplingData.DesignArgs("strata-clusters"), "--ci", "bootstrap-bca", "--replicates", "300", "--seed", "17", "--format", "json"];
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal(stdout, Run(args).Stdout);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("bootstrap-bca", root.GetProperty("method").GetString());
        Assert.Equal(300, root.GetProperty("replicates").GetInt32());
        Assert.Equal(17UL, root.GetProperty("seed").GetUInt64());
        var expected = NetScore.BootstrapEachScenario(ResamplingData.Load("strata-clusters"), IntervalMethod.BootstrapBca, new BootstrapOptions { Replicates = 300, Seed = 17 });
        var scenarios = root.GetProperty("scenarios").EnumerateArray().ToList();
        Assert.Equal(expected.Count, scenarios.Count);
        foreach (var (e, s) in expected.Zip(scenarios))
        {
            Assert.Equal(e.Scenario, s.GetProperty("scenario").GetString());
            Assert.Equal(e.Score.Estimate, s.GetProperty("net").GetDouble());
            Assert.Equal(e.Score.StandardError, s.GetProperty("se").GetDouble());
            Assert.Equal(e.Score.Interval.Lower, s.GetProperty("ci_low").GetDouble());
            Assert.Equal(e.Score.Interval.Upper, s.GetProperty("ci_high").GetDouble());
        }

        Assert.NotEqual(stdout, Run([.. args[..^3], "18", "--format", "json"]).Stdout);
    }

    [Fact]
    public void Score_with_the_percentile_bootstrap_prints_a_table_that_names_the_method()
    {
        var (code, stdout, _) = Run(["score", "--input", Input, "--ci", "bootstrap-percentile", "--replicates", "200"]);
        Assert.Equal(0, code);
        Assert.Contains("bootstrap-percentile (200 replicates, seed 20260401;", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--replicates", "1")]
    [InlineData("--replicates", "0")]
    [InlineData("--replicates", "many")]
    [InlineData("--seed", "-1")]
    [InlineData("--seed", "x7")]
    public void A_bad_replicate_count_or_seed_is_a_usage_error(string option, string value) =>
        AssertUsageError(["score", "--input", Input, "--ci", "bootstrap-percentile", option, value], option);

    [Theory]
    [InlineData("--replicates", "100")]
    [InlineData("--seed", "3")]
    public void Bootstrap_options_without_a_bootstrap_method_are_a_usage_error(string option, string value) =>
        AssertUsageError(["score", "--input", Input, option, value], option);

    [Theory]
    [InlineData(null, "BR")]
    [InlineData("JP", "JP")]
    public void Score_by_group_equals_R_svyby_and_svycontrast(string? reference, string expectedReference)
    {
        string[] args = ["score", "--input", Input, .. ResamplingData.DesignArgs("strata-clusters"), "--by", "country", "--format", "json"];
        var (code, stdout, _) = Run(reference is null ? args : [.. args, "--reference", reference]);
        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal("country", root.GetProperty("by").GetString());
        Assert.Equal(expectedReference, root.GetProperty("reference").GetString());
        var groups = root.GetProperty("groups").EnumerateArray().ToList();
        var expectedGroups = ResamplingData.Expected("groups-linearized");
        Assert.Equal(expectedGroups.Count, groups.Count);
        foreach (var row in expectedGroups)
        {
            var g = groups.Single(x => x.GetProperty("group").GetString() == row["group"] && x.GetProperty("scenario").GetString() == row["scenario"]);
            Assert.Equal((int)row.Number("n"), g.GetProperty("n").GetInt32());
            foreach (var field in new[] { "helpful", "neutral", "creepy", "net", "se", "ci_low", "ci_high", "design_effect", "effective_n" })
            {
                Assert.Equal(row.Number(field), g.GetProperty(field).GetDouble(), ResamplingData.Tolerance);
            }
        }

        var differences = root.GetProperty("differences").EnumerateArray().ToList();
        var expectedDifferences = ResamplingData.Expected("group-differences-linearized").Where(r => r["reference"] == expectedReference).ToList();
        Assert.Equal(expectedDifferences.Count, differences.Count);
        foreach (var row in expectedDifferences)
        {
            var d = differences.Single(x => x.GetProperty("group").GetString() == row["group"] && x.GetProperty("scenario").GetString() == row["scenario"]);
            Assert.Equal(expectedReference, d.GetProperty("reference").GetString());
            AssertDifference(row, d);
        }
    }

    [Fact]
    public void Score_by_group_as_a_table_and_as_csv()
    {
        var (code, table, _) = Run(["score", "--input", Input, "--by", "country", "--reference", "DE"]);
        Assert.Equal(0, code);
        Assert.Contains("each group minus DE", table, StringComparison.Ordinal);
        Assert.Equal(10, table.Split('\n').Count(l => l.Contains("(reference)", StringComparison.Ordinal)));
        var (csvCode, csv, _) = Run(["score", "--input", Input, "--by", "country", "--format", "csv"]);
        Assert.Equal(0, csvCode);
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.StartsWith("group,scenario,n,helpful,", lines[0], StringComparison.Ordinal);
        Assert.Equal(1 + 30, lines.Length);
        Assert.All(lines, l => Assert.Equal(17, l.Count(ch => ch == ',')));
    }

    [Fact]
    public void Score_by_group_suppresses_small_cells_and_says_so()
    {
        var (code, table, _) = Run(["score", "--input", Input, "--by", "country", "--min-cell", "100000"]);
        Assert.Equal(0, code);
        Assert.Contains("suppressed (n < 100000): groups with fewer than 100000 respondents are not shown", table, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\[[+−]?\d", table);
        var (jsonCode, json, _) = Run(["score", "--input", Input, "--by", "country", "--min-cell", "100000", "--format", "json"]);
        Assert.Equal(0, jsonCode);
        using var document = System.Text.Json.JsonDocument.Parse(json);
        Assert.Equal(100000, document.RootElement.GetProperty("min_cell").GetInt32());
        Assert.All(document.RootElement.GetProperty("groups").EnumerateArray(), g =>
        {
            Assert.Equal("suppressed (n < 100000)", g.GetProperty("note").GetString());
            Assert.False(g.TryGetProperty("net", out _));
        });
        Assert.All(document.RootElement.GetProperty("differences").EnumerateArray(), d => Assert.False(d.TryGetProperty("estimate", out _)));
    }

    [Fact]
    public void An_unknown_reference_group_is_a_usage_error() =>
        AssertUsageError(["score", "--input", Input, "--by", "country", "--reference", "XX"], "no group 'XX'");

    [Fact]
    public void A_reference_without_by_is_a_usage_error() =>
        AssertUsageError(["score", "--input", Input, "--reference", "BR"], "--reference");

    [Fact]
    public void An_unknown_by_column_is_an_input_error()
    {
        var (code, stdout, stderr) = Run(["score", "--input", Input, "--by", "region"]);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains("region", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("strata-clusters", "paired-linearized-strata-clusters", null)]
    [InlineData("strata", "paired-linearized-strata", null)]
    [InlineData("none", "paired-wald", "wald")]
    public void Compare_equals_R(string design, string expectedFile, string? ci)
    {
        foreach (var row in ResamplingData.Expected(expectedFile))
        {
            string[] args = ["compare", "--input", Input, .. ResamplingData.DesignArgs(design), "--a", row["a"], "--b", row["b"], "--format", "json"];
            var (code, stdout, stderr) = Run(ci is null ? args : [.. args, "--ci", ci]);
            Assert.Equal(0, code);
            NetHelpfulness.Tests.Cli.CliRunner.AssertOnlyNotes(stderr);
            using var json = JsonDocument.Parse(stdout);
            var root = json.RootElement;
            Assert.Equal(row["a"], root.GetProperty("a").GetString());
            Assert.Equal(row["b"], root.GetProperty("b").GetString());
            Assert.Equal(ci ?? "linearized", root.GetProperty("method").GetString());
            AssertDifference(row, root);
        }
    }

    [Fact]
    public void Compare_with_the_bootstrap_is_reproducible_and_a_scenario_with_itself_is_zero()
    {
        string[] args = ["compare", "--input", Input, .. ResamplingData.DesignArgs("strata-clusters"), "--a", "sale_alert", "--b", "in_aisle_offer", "--ci", "bootstrap-percentile", "--replicates", "250", "--format", "json"];
        var (code, stdout, _) = Run(args);
        Assert.Equal(0, code);
        Assert.Equal(stdout, Run(args).Stdout);
        using var json = JsonDocument.Parse(Run(["compare", "--input", Input, "--a", "sale_alert", "--b", "sale_alert", "--ci", "bootstrap-bca", "--format", "json"]).Stdout);
        Assert.Equal(0, json.RootElement.GetProperty("estimate").GetDouble());
        Assert.Equal(0, json.RootElement.GetProperty("se").GetDouble());
        Assert.Equal(0, json.RootElement.GetProperty("ci_low").GetDouble());
        Assert.Equal(0, json.RootElement.GetProperty("ci_high").GetDouble());
    }

    [Fact]
    public void Compare_prints_a_table()
    {
        var (code, stdout, _) = Run(["compare", "--input", Input, "--a", "sale_alert", "--b", "overheard_coffee_ad"]);
        Assert.Equal(0, code);
        Assert.Contains("Paired difference", stdout, StringComparison.Ordinal);
        Assert.Contains("sale_alert  overheard_coffee_ad", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_with_an_unknown_scenario_is_a_usage_error() =>
        AssertUsageError(["compare", "--input", Input, "--a", "sale_alert", "--b", "teleport_ad"], "--b: no scenario 'teleport_ad'");

    [Fact]
    public void Compare_without_b_is_a_usage_error() =>
        AssertUsageError(["compare", "--input", Input, "--a", "sale_alert"], "--b is required");

    [Fact]
    public void Compare_wald_with_weights_is_a_usage_error() =>
        AssertUsageError(["compare", "--input", Input, "--weight", "weight", "--a", "sale_alert", "--b", "birthday_offer", "--ci", "wald"], "--ci wald");

    [Fact]
    public void Effects_equal_R()
    {
        var (code, stdout, stderr) = Run(["effects", "--input", Input, .. ResamplingData.DesignArgs("strata-clusters"), "--scenarios", ResamplingData.CataloguePath, "--format", "json"]);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var json = JsonDocument.Parse(stdout);
        var effects = json.RootElement.GetProperty("effects").EnumerateArray().ToList();
        var rows = ResamplingData.Expected("effects-strata-clusters");
        Assert.Equal(rows.Count, effects.Count);
        foreach (var (row, e) in rows.Zip(effects))
        {
            Assert.Equal(row["effect"], e.GetProperty("effect").GetString());
            AssertDifference(row, e);
            foreach (var (share, name) in new[] { ("helpful", "cohens_h_helpful"), ("creepy", "cohens_h_creepy") })
            {
                var h = e.GetProperty(name);
                Assert.Equal(row.Number($"{share}_first"), h.GetProperty("share_first").GetDouble(), ResamplingData.Tolerance);
                Assert.Equal(row.Number($"{share}_second"), h.GetProperty("share_second").GetDouble(), ResamplingData.Tolerance);
                Assert.Equal(row.Number($"h_{share}"), h.GetProperty("estimate").GetDouble(), ResamplingData.Tolerance);
                Assert.Equal(row.Number($"h_{share}_se"), h.GetProperty("se").GetDouble(), ResamplingData.Tolerance);
                Assert.Equal(row.Number($"h_{share}_ci_low"), h.GetProperty("ci_low").GetDouble(), ResamplingData.Tolerance);
                Assert.Equal(row.Number($"h_{share}_ci_high"), h.GetProperty("ci_high").GetDouble(), ResamplingData.Tolerance);
            }

            Assert.Equal(row.Number("d_z"), e.GetProperty("d_z").GetDouble(), ResamplingData.Tolerance);
        }
    }

    [Fact]
    public void Effects_prints_a_table()
    {
        var (code, stdout, _) = Run(["effects", "--input", Input, "--scenarios", ResamplingData.CataloguePath]);
        Assert.Equal(0, code);
        Assert.Contains("tracking:device_listening", stdout, StringComparison.Ordinal);
        Assert.Contains("h (helpful)", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Effects_without_a_catalogue_is_a_usage_error() =>
        AssertUsageError(["effects", "--input", Input], "--scenarios is required");

    [Fact]
    public void Effects_with_a_catalogue_that_lacks_a_survey_scenario_is_an_input_error()
    {
        var catalogue = Path.Combine(Path.GetTempPath(), $"nethelp-catalogue-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(catalogue, File.ReadAllLines(ResamplingData.CataloguePath).Where(l => !l.StartsWith("in_aisle_offer,", StringComparison.Ordinal)));
        try
        {
            var (code, stdout, stderr) = Run(["effects", "--input", Input, "--scenarios", catalogue]);
            Assert.Equal(2, code);
            Assert.Equal("", stdout);
            Assert.Contains("a row for scenario 'in_aisle_offer'", stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(catalogue);
        }
    }

    [Fact]
    public void Help_lists_the_new_commands()
    {
        var (_, stdout, _) = Run(["help"]);
        Assert.Contains("compare", stdout, StringComparison.Ordinal);
        Assert.Contains("effects", stdout, StringComparison.Ordinal);
    }

    private static void AssertDifference(Dictionary<string, string> row, JsonElement d)
    {
        Assert.Equal((int)row.Number("n"), d.GetProperty("n").GetInt32());
        foreach (var field in new[] { "estimate", "se", "ci_low", "ci_high" })
        {
            Assert.Equal(row.Number(field), d.GetProperty(field).GetDouble(), ResamplingData.Tolerance);
        }
    }

    private static void AssertUsageError(string[] args, string expectedText)
    {
        var (code, stdout, stderr) = Run(args);
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        Assert.Contains(expectedText, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
    }

    private static (int Code, string Stdout, string Stderr) Run(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLineApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
