using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using NetHelpfulness.Cli;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Tests.Reproduce;

/// <summary><c>nethelp reproduce</c> on a small synthetic data folder (images off, so no browser is needed).</summary>
public class ReproduceCommandTests
{
    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLineApp.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Writes_tables_figures_report_and_manifest()
    {
        using var study = new SyntheticStudyFixture();
        var (code, stdout, stderr) = Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images");
        Assert.True(code == 0, stderr);
        foreach (var file in new[]
        {
            "report.md", "report.html", "manifest.json", "figures/creepy-to-helpful-spectrum.html", "figures/country-by-scenario.html",
            "tables/net-scores-wald.csv", "tables/net-scores-wald.md", "tables/net-scores-linearized.csv", "tables/rating-distribution.csv",
            "tables/net-scores-by-country.csv",
        })
        {
            Assert.True(File.Exists(Path.Combine(study.Output, file)), file);
            Assert.Contains(file, stdout, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(study.Output, "figures"), "*.png"));
        Assert.Contains("nethelp reproduce: net scores", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Tables_hold_the_library_estimates_to_full_precision()
    {
        using var study = new SyntheticStudyFixture();
        Assert.Equal(0, Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images").Code);
        var weighted = SurveyReader.ReadFile(study.SurveyPath, new SurveyReadOptions { WeightColumn = "weight" });
        var expected = NetScore.ForEachScenario(weighted, IntervalMethod.Linearized);
        var wald = NetScore.ForEachScenario(SurveyReader.ReadFile(study.SurveyPath), IntervalMethod.Wald);
        AssertTable(Path.Combine(study.Output, "tables", "net-scores-linearized.csv"), expected);
        AssertTable(Path.Combine(study.Output, "tables", "net-scores-wald.csv"), wald);
    }

    [Fact]
    public void Writes_a_banner_by_country_in_every_format_with_the_library_numbers_and_links_it_from_the_report()
    {
        using var study = new SyntheticStudyFixture();
        Assert.Equal(0, Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images").Code);
        foreach (var extension in new[] { "csv", "md", "html", "xlsx" })
        {
            Assert.True(File.Exists(Path.Combine(study.Output, "banners", "banner-by-country." + extension)), extension);
            Assert.Contains($"banners/banner-by-country.{extension}", File.ReadAllText(Path.Combine(study.Output, "report.md")), StringComparison.Ordinal);
        }

        var survey = SurveyReader.ReadFile(study.SurveyPath, new SurveyReadOptions { WeightColumn = "weight" });
        var banner = Banner.Compute(survey, survey.Design(), ["country"]);
        var lines = File.ReadAllLines(Path.Combine(study.Output, "banners", "banner-by-country.csv"));
        Assert.Equal(banner.Cells.Count + 1, lines.Length);
        foreach (var (cell, line) in banner.Cells.Zip(lines.Skip(1)))
        {
            var fields = line.Split(',');
            Assert.Equal([cell.Scenario, cell.Column.Variable, cell.Column.Level], fields[..3]);
            Assert.Equal(cell.Net is null ? "" : cell.Net.Estimate.ToString("R", CultureInfo.InvariantCulture), fields[6]);
            Assert.Equal(string.Concat(cell.GreaterThan), fields[12]);
        }

        Assert.Contains(lines, l => l.Contains(",country,IS,", StringComparison.Ordinal) && l.EndsWith("suppressed (n < 30)", StringComparison.Ordinal));
        Assert.Contains("SYNTHETIC", File.ReadAllText(Path.Combine(study.Output, "banners", "banner-by-country.md")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_report_sets_each_published_number_beside_its_reproduction()
    {
        using var study = new SyntheticStudyFixture();
        Assert.Equal(0, Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images").Code);
        var report = File.ReadAllText(Path.Combine(study.Output, "report.md"));
        Assert.Contains("SYNTHETIC", report, StringComparison.Ordinal);
        var wald = NetScore.ForEachScenario(SurveyReader.ReadFile(study.SurveyPath), IntervalMethod.Wald).Single(s => s.Scenario == "sale_alert").Score;
        var line = report.Split('\n').Single(l => l.StartsWith("| Label of sale alert: net score |", StringComparison.Ordinal));
        var cells = line.Split('|', StringSplitOptions.TrimEntries);
        Assert.Equal("+57", cells[2]);
        Assert.Equal(Points(wald.Estimate), cells[3]);
        Assert.Equal($"[{Points(wald.Interval.Lower)}, {Points(wald.Interval.Upper)}]", cells[4]);
        Assert.Equal(wald.Interval.Contains(0.57) ? "yes" : "no", cells[5]);
        foreach (var published in new[] { "| 68% |", "| 11% |", "| −27 |", "| 26% |", "| 53% |", "| +38 |", "| 2.5× |" })
        {
            Assert.Contains(published, report, StringComparison.Ordinal);
        }

        Assert.Contains("not reproduced: no synthetic/trust.csv", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_manifest_records_input_checksums_and_package_versions()
    {
        using var study = new SyntheticStudyFixture();
        Assert.Equal(0, Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images").Code);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(study.Output, "manifest.json")));
        var survey = manifest.RootElement.GetProperty("inputs").EnumerateArray().Single(i => i.GetProperty("role").GetString() == "survey");
        Assert.Equal("synthetic/survey.csv", survey.GetProperty("path").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(study.SurveyPath))), survey.GetProperty("sha256").GetString());
        var versions = manifest.RootElement.GetProperty("versions");
        Assert.Equal("6.0.0", versions.GetProperty("Plotly.NET").GetString());
        Assert.Equal(JsonValueKind.Object, manifest.RootElement.GetProperty("seeds").ValueKind);
        var report = manifest.RootElement.GetProperty("outputs").EnumerateArray().Single(o => o.GetProperty("path").GetString() == "report.md");
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(study.Output, "report.md")))), report.GetProperty("sha256").GetString());
    }

    [Fact]
    public void Small_countries_are_suppressed_in_the_country_table()
    {
        using var study = new SyntheticStudyFixture();
        Assert.Equal(0, Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images").Code);
        var rows = File.ReadAllLines(Path.Combine(study.Output, "tables", "net-scores-by-country.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows.Where(r => r[0] == "IS"), r => Assert.Equal(("", "suppressed (n < 30)"), (r[3], r[7])));
        Assert.All(rows.Where(r => r[0] == "DE"), r => Assert.NotEqual("", r[3]));
    }

    [Fact]
    public void Without_chromium_images_are_skipped_with_the_install_hint_and_html_is_written()
    {
        using var study = new SyntheticStudyFixture();
        var (code, _, stderr) = Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--chromium", Path.Combine(study.Root, "no-such-browser"));
        Assert.Equal(0, code);
        Assert.Contains("apt-get install chromium", stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(study.Output, "figures", "creepy-to-helpful-spectrum.html")));
        Assert.Empty(Directory.GetFiles(Path.Combine(study.Output, "figures"), "*.png"));
        Assert.Contains("PNG and SVG were not written", File.ReadAllText(Path.Combine(study.Output, "report.md")), StringComparison.Ordinal);
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(study.Output, "manifest.json")));
        Assert.Contains("no browser", manifest.RootElement.GetProperty("images_skipped").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_survey_fails_with_a_clear_message_and_writes_nothing()
    {
        using var study = new SyntheticStudyFixture();
        File.Delete(study.SurveyPath);
        var (code, stdout, stderr) = Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images");
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("synthetic/survey.csv: not found", stderr.Replace('\\', '/'), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(study.Output));
        Assert.Empty(Directory.GetDirectories(study.Root, ".artifacts*"));
    }

    [Fact]
    public void A_failed_run_leaves_the_previous_artifacts_as_they_were()
    {
        using var study = new SyntheticStudyFixture();
        Assert.Equal(0, Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images").Code);
        var before = Snapshot(study.Output);
        File.AppendAllText(study.SurveyPath, "R99999,DE,1,sale_alert,9\n");
        var (code, stdout, stderr) = Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images");
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains("rating", stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(study.Output));
        Assert.Empty(Directory.GetDirectories(study.Root, ".artifacts*"));
    }

    [Fact]
    public void A_second_run_replaces_the_previous_artifacts()
    {
        using var study = new SyntheticStudyFixture();
        Assert.Equal(0, Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images").Code);
        File.WriteAllText(Path.Combine(study.Output, "stale.txt"), "from an older run");
        Assert.Equal(0, Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", study.Output, "--no-images").Code);
        Assert.False(File.Exists(Path.Combine(study.Output, "stale.txt")));
        Assert.True(File.Exists(Path.Combine(study.Output, "report.md")));
    }

    [Fact]
    public void Out_may_not_be_the_data_folder()
    {
        using var study = new SyntheticStudyFixture();
        AssertRefused(study, study.Data, "data folder");
    }

    [Fact]
    public void Out_may_not_lie_inside_the_data_folder()
    {
        using var study = new SyntheticStudyFixture();
        AssertRefused(study, Path.Combine(study.Data, "artifacts"), "data folder");
    }

    [Fact]
    public void Out_may_not_contain_the_data_folder()
    {
        using var study = new SyntheticStudyFixture();
        AssertRefused(study, study.Root, "contains the data folder");
    }

    [Fact]
    public void Out_may_not_be_an_input_file()
    {
        using var study = new SyntheticStudyFixture();
        AssertRefused(study, study.SurveyPath, "data folder");
    }

    [Fact]
    public void Out_may_not_be_a_folder_that_is_not_an_earlier_output()
    {
        using var study = new SyntheticStudyFixture();
        var mine = Path.Combine(study.Root, "my-thesis");
        Directory.CreateDirectory(mine);
        File.WriteAllText(Path.Combine(mine, "chapter1.tex"), "precious");
        AssertRefused(study, mine, "not the output of an earlier");
        Assert.Equal("precious", File.ReadAllText(Path.Combine(mine, "chapter1.tex")));
    }

    private static void AssertRefused(SyntheticStudyFixture study, string output, string reason)
    {
        var before = Snapshot(study.Root);
        var (code, stdout, stderr) = Run("reproduce", "--coverage-replicates", "50", "--data", study.Data, "--out", output, "--no-images");
        Assert.Equal(2, code);
        Assert.Empty(stdout);
        Assert.Contains(reason, stderr, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(study.Root));
    }

    private static void AssertTable(string csv, IReadOnlyList<ScenarioScore> expected)
    {
        var lines = File.ReadAllLines(csv);
        var header = lines[0].Split(',').ToList();
        Assert.Equal(expected.Count, lines.Length - 1);
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            var s = expected.Single(e => e.Scenario == f[0]).Score;
            double Col(string name) => double.Parse(f[header.IndexOf(name)], CultureInfo.InvariantCulture);
            Assert.Equal(s.N, (int)Col("n"));
            Assert.Equal(s.Helpful, Col("helpful"));
            Assert.Equal(s.Creepy, Col("creepy"));
            Assert.Equal(s.Estimate, Col("net"));
            Assert.Equal(s.StandardError, Col("se"));
            Assert.Equal(s.Interval.Lower, Col("ci_low"));
            Assert.Equal(s.Interval.Upper, Col("ci_high"));
        }
    }

    private static string Points(double value)
    {
        var pp = Math.Round(value * 100, 1, MidpointRounding.AwayFromZero);
        var text = Math.Abs(pp).ToString("F1", CultureInfo.InvariantCulture);
        return pp > 0 ? "+" + text : pp < 0 ? "\u2212" + text : text;
    }

    private static SortedDictionary<string, string> Snapshot(string folder) =>
        new(Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), f => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(f)))), StringComparer.Ordinal);
}
