using System.Globalization;
using System.Text;
using System.Text.Json;
using NetHelpfulness.Tests.Cli;
using static NetHelpfulness.Tests.Model.ModelReference;

namespace NetHelpfulness.Tests.Model;

/// <summary><c>nethelp model</c> as a new user runs it: outputs against R, and bad input refused with exit 2 and the reason.</summary>
public class ModelCommandTests
{
    private static readonly string[] Design = ["--input", Input, "--scenarios", Catalogue, "--weight", "weight", "--strata", "stratum", "--cluster", "cluster"];

    [Fact]
    public void Json_output_has_the_coefficients_tests_and_predicted_net_scores_of_R()
    {
        var result = CliRunner.Run(["model", .. Design, "--terms", "relationship*tracking + country", "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("net", root.GetProperty("outcome").GetString());
        Assert.Equal("linear", root.GetProperty("family").GetString());
        Assert.Equal(30, root.GetProperty("design_df").GetInt32());
        Assert.Equal(20, root.GetProperty("residual_df").GetInt32());
        var expected = Expected("coefficients").Where(r => r["model"] == "net_saturated_country" && r["design"] == "clusters").ToList();
        var coefficients = root.GetProperty("coefficients").EnumerateArray().ToList();
        Assert.Equal(expected.Select(r => r["term"]), coefficients.Select(c => c.GetProperty("term").GetString()));
        foreach (var (row, c) in expected.Zip(coefficients))
        {
            foreach (var field in new[] { "estimate", "se", "ci_low", "ci_high", "p" })
            {
                Close(row.Number(field), c.GetProperty(field).GetDouble(), 1e-7, $"{row["term"]} {field}");
            }
        }

        var tests = Expected("tests").Where(r => r["model"] == "net_saturated_country" && r["design"] == "clusters").ToList();
        Assert.Equal(tests.Select(t => t["term"]), root.GetProperty("tests").EnumerateArray().Select(t => t.GetProperty("term").GetString()));
        Relative(tests[3].Number("f"), root.GetProperty("tests")[3].GetProperty("f").GetDouble(), 1e-7, "F of the interaction");
        var margins = Expected("margins").Where(r => r["model"] == "net_saturated_country" && r["design"] == "clusters").ToList();
        var predicted = root.GetProperty("predicted").EnumerateArray().ToList();
        Assert.Equal(margins.Count, predicted.Count);
        foreach (var (row, p) in margins.Zip(predicted))
        {
            Assert.Equal(row["relationship"], p.GetProperty("cell").GetProperty("relationship").GetString());
            Assert.Equal(row["tracking"], p.GetProperty("cell").GetProperty("tracking").GetString());
            Close(row.Number("estimate"), p.GetProperty("estimate").GetDouble(), 1e-8, "predicted");
            Relative(row.Number("se"), p.GetProperty("se").GetDouble(), 1e-7, "predicted se");
        }

        Assert.Equal(Expected("contrasts").Count(r => r["model"] == "net_saturated_country" && r["design"] == "clusters"), root.GetProperty("contrasts").GetArrayLength());
    }

    [Fact]
    public void A_logistic_model_reports_odds_ratios_and_predicted_shares()
    {
        var result = CliRunner.Run(["model", .. Design, "--terms", "relationship*tracking + country", "--outcome", "helpful", "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("logit", root.GetProperty("family").GetString());
        Assert.Equal("share helpful", root.GetProperty("predicted_scale").GetString());
        var row = Expected("coefficients").Single(r => r["model"] == "helpful_saturated_country" && r["design"] == "clusters" && r["term"] == "relationshipestablished");
        var c = root.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("term").GetString() == "relationshipestablished");
        Close(Math.Exp(row.Number("estimate")), c.GetProperty("odds_ratio").GetDouble(), 1e-8, "odds ratio");
        Close(Math.Exp(row.Number("ci_low")), c.GetProperty("or_ci_low").GetDouble(), 1e-8, "odds ratio, lower limit");

        var table = CliRunner.Run(["model", .. Design, "--terms", "relationship*tracking + country", "--outcome", "helpful"]);
        Assert.Contains("log odds ratios", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("Predicted share helpful", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_table_states_the_design_degrees_of_freedom_and_the_csv_keeps_full_precision()
    {
        var table = CliRunner.Run(["model", .. Design, "--terms", "relationship*tracking + country", "--test", "chisq"]);
        Assert.True(table.ExitCode == 0, table.Stderr);
        Assert.Contains("35 PSUs − 5 strata = 30 (design); 30 + 1 − 11 coefficients = 20", table.Stdout, StringComparison.Ordinal);
        Assert.Contains("regTermTest(model, ~term, df = Inf)", table.Stdout, StringComparison.Ordinal);

        var csv = CliRunner.Run(["model", .. Design, "--terms", "relationship*tracking + country", "--format", "csv"]);
        Assert.True(csv.ExitCode == 0, csv.Stderr);
        var lines = csv.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("section,name,estimate,se,ci_low,ci_high,statistic,df,ddf,p", lines[0]);
        var row = Expected("coefficients").Single(r => r["model"] == "net_saturated_country" && r["design"] == "clusters" && r["term"] == "countryJP");
        var fields = lines.Single(l => l.StartsWith("coefficient,countryJP,", StringComparison.Ordinal)).Split(',');
        Close(row.Number("estimate"), double.Parse(fields[2], CultureInfo.InvariantCulture), 1e-12, "countryJP");
        Assert.Equal(4, lines.Count(l => l.StartsWith("test_f,", StringComparison.Ordinal)));
        Assert.Equal(8, lines.Count(l => l.StartsWith("predicted,", StringComparison.Ordinal)));
    }

    [Fact]
    public void Aliased_columns_are_dropped_only_when_asked_and_then_reported_as_R_reports_them()
    {
        var refused = CliRunner.Run(["model", .. Design, "--terms", "relationship*tracking + channel"]);
        AssertBadInput(refused, "design matrix is singular", "'relationshipestablished:trackingdevice_listening' = channelspeaker", "--aliased drop");

        var dropped = CliRunner.Run(["model", .. Design, "--terms", "relationship*tracking + channel", "--aliased", "drop", "--format", "json"]);
        Assert.True(dropped.ExitCode == 0, dropped.Stderr);
        using var json = JsonDocument.Parse(dropped.Stdout);
        var aliased = json.RootElement.GetProperty("coefficients").EnumerateArray().Single(c => c.GetProperty("aliased").GetBoolean());
        Assert.Equal("relationshipestablished:trackingdevice_listening", aliased.GetProperty("term").GetString());
        Assert.Equal(JsonValueKind.Null, aliased.GetProperty("estimate").ValueKind);
        Assert.Equal(21, json.RootElement.GetProperty("residual_df").GetInt32());
    }

    [Fact]
    public void A_term_that_names_no_column_is_refused_with_the_columns_there_are()
    {
        AssertBadInput(CliRunner.Run(["model", .. Design, "--terms", "relationship + colour"]),
            "'colour' names no column", "model-survey.csv has respondent_id, country, age, age_band, stratum, cluster, weight, scenario, rating",
            "model-scenarios.csv has id, label, relationship, tracking, channel");
    }

    [Fact]
    public void A_factor_with_a_single_level_is_refused()
    {
        using var folder = new TempFolder();
        var lines = File.ReadAllLines(Catalogue);
        var catalogue = folder.File("one-level.csv", string.Join('\n', lines.Select((l, i) => l + (i == 0 ? ",origin" : ",synthetic"))) + "\n");
        AssertBadInput(CliRunner.Run(["model", "--input", Input, "--scenarios", catalogue, "--terms", "relationship + origin"]),
            "the factor 'origin' has a single level ('synthetic')");
    }

    [Fact]
    public void A_logistic_fit_that_separates_is_refused_with_the_rows_concerned()
    {
        using var folder = new TempFolder();
        var random = new Random(7);
        var text = new StringBuilder("respondent_id,group,scenario,rating\n");
        for (var i = 0; i < 60; i++)
        {
            var group = i < 30 ? "A" : "B";
            foreach (var scenario in new[] { "s1", "s2", "s3" })
            {
                // Nobody in group B ever calls a scenario helpful.
                var rating = group == "A" ? random.Next(1, 6) : random.Next(1, 4);
                text.Append(CultureInfo.InvariantCulture, $"r{i},{group},{scenario},{rating}\n");
            }
        }

        var input = folder.File("separated.csv", text.ToString());
        AssertBadInput(CliRunner.Run(["model", "--input", input, "--terms", "group", "--outcome", "helpful"]),
            "separates", "group = B (none helpful, fitted 0)", "diverging: groupB");
    }

    [Fact]
    public void An_empty_covariate_is_refused_with_its_file_line_and_column()
    {
        using var folder = new TempFolder();
        var lines = File.ReadAllLines(Input);
        var header = lines[0].Split(',');
        var country = Array.IndexOf(header, "country");
        var target = lines[1].Split(',')[0];
        var edited = lines.Select((l, i) =>
        {
            var fields = l.Split(',');
            if (i > 0 && fields[0] == target)
            {
                fields[country] = "";
            }

            return string.Join(',', fields);
        });
        var input = folder.File("empty-country.csv", string.Join('\n', edited) + "\n");
        AssertBadInput(CliRunner.Run(["model", "--input", input, "--scenarios", Catalogue, "--terms", "relationship + country"]),
            "empty-country.csv:2: column 'country'", "'country' is a variable of the model");
    }

    [Theory]
    [InlineData("--family", "logit", "a logistic model needs the outcome helpful or creepy")]
    [InlineData("--reference", "country=XX", "the reference level 'XX' of 'country' is not among its levels")]
    [InlineData("--reference", "age=30", "'age' is given a reference level")]
    [InlineData("--margins", "country,age", "'age' is not a variable of the terms")]
    [InlineData("--reference", "country", "--reference takes VARIABLE=LEVEL pairs")]
    public void Options_that_do_not_fit_the_model_are_refused(string option, string value, string reason)
    {
        AssertBadInput(CliRunner.Run(["model", .. Design, "--terms", "relationship*tracking + country", option, value]), reason);
    }

    [Fact]
    public void A_numeric_covariate_is_named_as_such_and_can_be_made_a_factor()
    {
        var numeric = CliRunner.Run(["model", .. Design, "--terms", "relationship + tracking + country + age", "--outcome", "creepy"]);
        Assert.True(numeric.ExitCode == 0, numeric.Stderr);
        Assert.Contains("age (respondent numeric)", numeric.Stdout, StringComparison.Ordinal);
        // 60 ages: too many coefficients for the 30 degrees of freedom of the clustered design, fine with respondents as PSUs.
        AssertBadInput(CliRunner.Run(["model", .. Design, "--terms", "relationship + age", "--factor", "age"]), "too few for a model with 59 coefficients");
        var factor = CliRunner.Run(["model", "--input", Input, "--scenarios", Catalogue, "--weight", "weight", "--strata", "stratum", "--terms", "relationship + age", "--factor", "age", "--format", "json"]);
        Assert.True(factor.ExitCode == 0, factor.Stderr);
        using var json = JsonDocument.Parse(factor.Stdout);
        var terms = json.RootElement.GetProperty("coefficients").EnumerateArray().Select(c => c.GetProperty("term").GetString()).ToList();
        // Levels in numeric order, the first (the youngest age with a rating) the reference.
        var ages = terms.Skip(2).Select(t => int.Parse(t!["age".Length..], CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(ages.Order(), ages);
        Assert.True(ages.Count > 40 && ages[0] < 25 && ages[^1] > 75);
        Assert.DoesNotContain("age", terms);
    }

    private static void AssertBadInput(CliResult result, params string[] reasons)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        foreach (var reason in reasons)
        {
            Assert.Contains(reason, result.Stderr, StringComparison.Ordinal);
        }
    }
}
