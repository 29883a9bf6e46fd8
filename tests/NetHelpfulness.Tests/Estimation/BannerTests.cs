using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Tests.Cli;

namespace NetHelpfulness.Tests.Estimation;

/// <summary>
/// Banner tables against R survey 4.1.1 on a stratified, clustered, weighted file with skipped answers
/// (tests/reference/banner-reference.R): every cell = svyby on the design restricted to those who answered; every pairwise
/// test = the z test from svyby(..., covmat = TRUE); adjusted p-values = p.adjust; letters from both.
/// </summary>
public sealed class BannerTests : IDisposable
{
    private const double Tolerance = 1e-9;
    private static readonly string Input = ReferenceFiles.Path("tests", "reference", "data", "design-survey.csv");
    private static readonly string[] Design = ["--weight", "weight", "--strata", "stratum", "--cluster", "cluster"];
    private static readonly string[] Variables = ["age_band", "gender", "country", "region", "panel_note"];
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Every_cell_equals_R_svyby_on_the_whole_design()
    {
        var result = Compute(new BannerOptions { MinimumCell = 1 });
        var expected = ReferenceFiles.ReadTable("tests/reference/expected/banner/cells.csv");
        Assert.Equal(expected.Count, result.Cells.Count);
        foreach (var row in expected)
        {
            var cell = result.Cells.Single(c => c.Scenario == row["scenario"] && c.Column.Variable == row["variable"] && c.Column.Level == row["level"]);
            var where = $"{row["scenario"]} {row["variable"]}={row["level"]}";
            Assert.True(row["letter"] == cell.Column.Letter, where);
            Assert.Equal(int.Parse(row["n"], CultureInfo.InvariantCulture), cell.N);
            var net = cell.Net!;
            Assert.Equal(row.Number("net"), net.Estimate, Tolerance);
            Assert.Equal(row.Number("se"), net.StandardError, Tolerance);
            Assert.Equal(row.Number("ci_low"), net.Interval().Lower, Tolerance);
            Assert.Equal(row.Number("ci_high"), net.Interval().Upper, Tolerance);
            Assert.Equal(row.Number("effective_n"), net.EffectiveN, 1e-9 * row.Number("effective_n"));
            Assert.Equal(row.Number("helpful"), cell.Helpful!.Estimate, Tolerance);
            Assert.Equal(row.Number("creepy"), cell.Creepy!.Estimate, Tolerance);
        }
    }

    [Theory]
    [InlineData(30)]
    [InlineData(65)]
    public void Every_pairwise_test_equals_the_z_test_from_R_svyby_covmat_and_p_adjust(int minimumCell)
    {
        var expected = ReferenceFiles.ReadTable($"tests/reference/expected/banner/pairs-min-cell-{minimumCell}.csv");
        foreach (var (adjustment, column) in new[] { (PAdjustment.None, "p"), (PAdjustment.Holm, "p_holm"), (PAdjustment.Bonferroni, "p_bonferroni"), (PAdjustment.BenjaminiHochberg, "p_bh") })
        {
            var result = Compute(new BannerOptions { MinimumCell = minimumCell, Adjustment = adjustment });
            Assert.Equal(expected.Count, result.Tests.Count);
            foreach (var row in expected)
            {
                var test = result.Tests.Single(t => t.Scenario == row["scenario"] && t.Variable == row["variable"] && t.A.Level == row["a"] && t.B.Level == row["b"]);
                Assert.Equal(row.Number("difference"), test.Difference, Tolerance);
                Assert.Equal(row.Number("se"), test.StandardError, Tolerance);
                Assert.Equal(row.Number("p"), test.P!.Value, Tolerance);
                Assert.Equal(row.Number(column), test.AdjustedP!.Value, Tolerance);
                Assert.Equal(row.Number(column) < 0.05, test.Significant);
            }
        }
    }

    [Fact]
    public void Bonferroni_equals_R_p_adjust_on_each_family()
    {
        var expected = ReferenceFiles.ReadTable("tests/reference/expected/banner/pairs-min-cell-30.csv");
        foreach (var family in expected.GroupBy(r => (r["scenario"], r["variable"])))
        {
            var adjusted = Multiplicity.Bonferroni([.. family.Select(r => r.Number("p"))]);
            Assert.Equal(family.Select(r => r.Number("p_bonferroni")), adjusted, (a, b) => Math.Abs(a - b) <= Tolerance);
        }
    }

    public static TheoryData<int, string> LetterCases() => new()
    {
        { 30, "none" }, { 30, "holm" }, { 30, "bonferroni" }, { 30, "bh" }, { 65, "none" }, { 65, "holm" }, { 65, "bh" },
    };

    [Theory]
    [MemberData(nameof(LetterCases))]
    public void Letters_and_suppression_of_the_json_equal_R(int minimumCell, string adjust)
    {
        var run = CliRunner.Run(["banner", "--input", Input, .. Design, "--by", string.Join(',', Variables), "--adjust", adjust,
            "--min-cell", minimumCell.ToString(CultureInfo.InvariantCulture), "--format", "json"]);
        Assert.True(run.ExitCode == 0, run.Stderr);
        using var json = JsonDocument.Parse(run.Stdout);
        var cells = json.RootElement.GetProperty("cells").EnumerateArray().ToList();
        var expected = ReferenceFiles.ReadTable($"tests/reference/expected/banner/letters-min-cell-{minimumCell}.csv");
        Assert.Contains(expected, r => r[$"greater_than_{adjust}"].Length > 0);
        foreach (var row in expected)
        {
            var cell = cells.Single(c => c.GetProperty("scenario").GetString() == row["scenario"] && c.GetProperty("variable").GetString() == row["variable"]
                && c.GetProperty("level").GetString() == row["level"]);
            var where = $"{row["scenario"]} {row["variable"]}={row["level"]}";
            Assert.True(row["letter"] == cell.GetProperty("letter").GetString(), where);
            Assert.Equal(row["suppressed"] == "yes", cell.GetProperty("net").ValueKind == JsonValueKind.Null);
            Assert.Equal(row["suppressed"] == "yes", cell.TryGetProperty("note", out _));
            var letters = string.Concat(cell.GetProperty("greater_than").EnumerateArray().Select(l => l.GetString()));
            Assert.True(row[$"greater_than_{adjust}"] == letters, $"{where}: '{letters}', R '{row[$"greater_than_{adjust}"]}'");
        }

        Assert.Equal(expected.Any(r => r["suppressed"] == "yes"), cells.Any(c => c.TryGetProperty("note", out _)));
        var total = cells.First(c => c.GetProperty("variable").GetString() == Banner.TotalVariable);
        Assert.Equal(JsonValueKind.Null, total.GetProperty("letter").ValueKind);
        Assert.Equal(0, total.GetProperty("greater_than").GetArrayLength());
    }

    [Fact]
    public void A_level_order_reletters_the_columns_and_keeps_every_test()
    {
        var sorted = Compute(new BannerOptions());
        var reordered = Compute(new BannerOptions { Levels = new Dictionary<string, IReadOnlyList<string>> { ["age_band"] = ["55+", "35-54", "18-34"] } });
        Assert.Equal(["55+", "35-54", "18-34"], reordered.ColumnsOf("age_band").Select(c => c.Level));
        Assert.Equal(["A", "B", "C"], reordered.ColumnsOf("age_band").Select(c => c.Letter));
        foreach (var scenario in sorted.Scenarios)
        {
            foreach (var level in new[] { "18-34", "35-54", "55+" })
            {
                string LevelsAbove(BannerResult r) => string.Join(",", r.Cell(scenario, r.ColumnsOf("age_band").Single(c => c.Level == level)).GreaterThan
                    .Select(letter => r.ColumnsOf("age_band").Single(c => c.Letter == letter).Level).Order(StringComparer.Ordinal));
                Assert.Equal(LevelsAbove(sorted), LevelsAbove(reordered));
            }
        }

        // in_aisle_offer: 55+ is significantly above 35-54 (R's letters: C above B); reordered, A above B.
        Assert.Equal(["B"], reordered.Cell("in_aisle_offer", reordered.ColumnsOf("age_band")[0]).GreaterThan);
    }

    [Fact]
    public void Empty_values_form_an_unknown_column_after_the_others()
    {
        var result = Compute(new BannerOptions());
        var columns = result.ColumnsOf("panel_note");
        Assert.Equal(["recruited by phone", "recruited online", Banner.UnknownLevel], columns.Select(c => c.Level));
        Assert.True(columns[2].IsUnknown);
        Assert.Equal(106, columns[2].Respondents);
        Assert.Contains(result.Tests, t => t.B.IsUnknown && t.Variable == "panel_note");
        Assert.Equal(["panel_note"], result.VariablesWithUnknown);
    }

    [Fact]
    public void A_variable_with_one_level_is_refused_naming_the_file_and_column()
    {
        var file = _temp.File("one-level.csv", "respondent_id,segment,scenario,rating\n"
            + string.Concat(Enumerable.Range(1, 40).Select(i => $"r{i},all,a,{1 + (i % 5)}\n")));
        var run = CliRunner.Run(["banner", "--input", file, "--by", "segment"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains($"{file}: column 'segment': found 'all', expected at least two levels", run.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pair_with_no_difference_and_no_variance_has_no_p_value_and_stays_out_of_the_family()
    {
        // Columns a and b: everyone says helpful (net 1, SE 0); column c: mixed answers.
        var rows = Enumerable.Range(1, 120).Select(i => (Id: $"r{i}", Segment: i <= 40 ? "a" : i <= 80 ? "b" : "c", Rating: i <= 80 ? 5 : 1 + (i % 5)));
        var file = _temp.File("flat.csv", "respondent_id,segment,scenario,rating\n" + string.Concat(rows.Select(r => $"{r.Id},{r.Segment},s,{r.Rating}\n")));
        var survey = SurveyReader.ReadFile(file);
        var result = Banner.Compute(survey, survey.Design(DesignSpec.Unweighted), ["segment"]);
        var ab = result.Tests.Single(t => t.A.Level == "a" && t.B.Level == "b");
        Assert.Equal(0, ab.Difference);
        Assert.Equal(0, ab.StandardError);
        Assert.Null(ab.P);
        Assert.Null(ab.AdjustedP);
        Assert.False(ab.Significant);
        var testable = result.Tests.Where(t => t.P is not null).ToList();
        Assert.Equal(2, testable.Count);
        Assert.Equal(Multiplicity.Holm([.. testable.Select(t => t.P!.Value)]), testable.Select(t => t.AdjustedP!.Value));
        Assert.Equal(["C"], result.Cell("s", result.ColumnsOf("segment")[0]).GreaterThan);
        Assert.Equal(["C"], result.Cell("s", result.ColumnsOf("segment")[1]).GreaterThan);

        var json = CliRunner.Run(["banner", "--input", file, "--by", "segment", "--format", "json"]);
        Assert.True(json.ExitCode == 0, json.Stderr);
        Assert.Contains("\"p\": null", json.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_with_no_value_at_all_is_a_single_level_and_refused()
    {
        var file = _temp.File("empty-segment.csv", "respondent_id,segment,scenario,rating\n"
            + string.Concat(Enumerable.Range(1, 40).Select(i => $"r{i},,a,{1 + (i % 5)}\n")));
        var run = CliRunner.Run(["banner", "--input", file, "--by", "segment"]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("column 'segment': found '(no value)', expected at least two levels", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_options_and_columns_fail_with_exit_2_and_nothing_on_stdout()
    {
        var output = Path.Combine(_temp.Path, "banner.xlsx");
        foreach (var (args, message) in new (string[], string)[]
        {
            (["--by", "no_such_column", "--out", output, "--format", "xlsx"], "column 'no_such_column': expected a column named 'no_such_column'"),
            (["--by", "age_band", "--format", "xlsx"], "--format xlsx writes a binary workbook: give --out"),
            (["--by", "age_band", "--levels", "age_band=18-34,35-54,65+"], "found '65+', expected a level of the column in the level order"),
            (["--by", "age_band", "--levels", "age_band=18-34,35-54"], "expected every level of the column in the level order; missing: 55+"),
            (["--by", "age_band", "--levels", "gender=female,male"], "--levels: 'gender' is not a --by variable"),
            (["--by", "age_band", "--scenarios", "sale_alert,nope"], "--scenarios: no scenario 'nope'"),
            (["--by", "age_band,age_band"], "--by names 'age_band' twice"),
            (["--by", "age_band", "--adjust", "tukey"], "--adjust must be one of none, holm, bonferroni, bh"),
            (["--by", "age_band", "--alpha", "1.5"], "--alpha must be a number between 0 and 1"),
        })
        {
            var run = CliRunner.Run(["banner", "--input", Input, .. Design, .. args]);
            Assert.True(run.ExitCode == 2, string.Join(' ', args) + ": " + run.Stderr);
            Assert.Equal("", run.Stdout);
            Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(output), "nothing is written on error");
        Assert.Empty(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void Out_writes_the_file_whole_and_refuses_to_replace_one_without_force()
    {
        var output = Path.Combine(_temp.Path, "banner.csv");
        var first = CliRunner.Run(["banner", "--input", Input, .. Design, "--by", "gender", "--format", "csv", "--out", output]);
        Assert.True(first.ExitCode == 0, first.Stderr);
        Assert.StartsWith($"wrote {output}: banner of 6 scenarios × 3 columns (csv)", first.Stdout, StringComparison.Ordinal);
        var stdout = CliRunner.Run(["banner", "--input", Input, .. Design, "--by", "gender", "--format", "csv"]);
        Assert.Equal(stdout.Stdout, File.ReadAllText(output));
        var again = CliRunner.Run(["banner", "--input", Input, .. Design, "--by", "gender", "--format", "csv", "--out", output]);
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("exists; it is left as it is (pass --force to replace it)", again.Stderr, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(_temp.Path));
    }

    [Fact]
    public void Small_cells_are_suppressed_untested_and_said_so_in_every_format()
    {
        string[] args = ["banner", "--input", Input, .. Design, "--by", "country", "--min-cell", "65"];
        var csv = CliRunner.Run([.. args, "--format", "csv"]).Stdout.Split('\n');
        Assert.Contains(csv, l => l.StartsWith("sale_alert,country,FR,C,60,,,,,,,,,suppressed (n < 65)", StringComparison.Ordinal));
        foreach (var format in new[] { "table", "md", "html", "json" })
        {
            var run = CliRunner.Run([.. args, "--format", format]);
            Assert.True(run.ExitCode == 0, run.Stderr);
            Assert.Contains("fewer than 65 respondents who answered is suppressed", run.Stdout, StringComparison.Ordinal);
        }

        var result = Compute(new BannerOptions { MinimumCell = 65 });
        Assert.DoesNotContain(result.Tests, t => t.A.Level == "FR" || t.B.Level == "FR");
    }

    [OpenpyxlFact]
    public void The_workbook_opens_in_openpyxl_and_holds_the_numbers_of_the_csv()
    {
        var xlsx = Path.Combine(_temp.Path, "banner.xlsx");
        string[] args = ["banner", "--input", Input, .. Design, "--by", "age_band,gender,panel_note", "--min-cell", "100"];
        var write = CliRunner.Run([.. args, "--format", "xlsx", "--out", xlsx]);
        Assert.True(write.ExitCode == 0, write.Stderr);
        var csv = CliRunner.Run([.. args, "--format", "csv"]).Stdout.TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();

        using var json = JsonDocument.Parse(Openpyxl.Dump(xlsx));
        var sheets = json.RootElement;
        Assert.Equal(["Banner", "Cells"], sheets.GetProperty("sheets").EnumerateArray().Select(s => s.GetString()));
        var cells = sheets.GetProperty("Cells").EnumerateArray().ToList();
        Assert.Equal(csv.Count, cells.Count);
        Assert.Equal(csv[0], cells[0].EnumerateArray().Select(v => v.GetString()));
        var numeric = new[] { "n", "effective_n", "net", "se", "ci_low", "ci_high", "helpful", "creepy" }.Select(c => Array.IndexOf(csv[0], c)).ToHashSet();
        for (var r = 1; r < csv.Count; r++)
        {
            var row = cells[r].EnumerateArray().ToList();
            for (var k = 0; k < csv[0].Length; k++)
            {
                var value = k < row.Count ? row[k] : default;
                if (csv[r][k].Length == 0)
                {
                    Assert.True(value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined || value.GetString() == "", $"row {r} col {k}");
                }
                else if (numeric.Contains(k))
                {
                    Assert.Equal(JsonValueKind.Number, value.ValueKind); // a numeric cell, not text
                    Assert.Equal(double.Parse(csv[r][k], CultureInfo.InvariantCulture), value.GetDouble());
                }
                else
                {
                    Assert.Equal(csv[r][k].Trim('"'), value.ValueKind == JsonValueKind.Number ? value.GetRawText() : value.GetString());
                }
            }
        }

        // The Banner sheet: the net scores in points beside their letters, numeric, and the notes block.
        var banner = sheets.GetProperty("Banner").EnumerateArray().Select(r => r.EnumerateArray().ToList()).ToList();
        var inAisle = banner.Single(r => r.Count > 0 && r[0].ValueKind == JsonValueKind.String && r[0].GetString() == "in_aisle_offer");
        var expected = csv.Single(l => l[0] == "in_aisle_offer" && l[1] == "panel_note" && l[2] == "recruited by phone");
        var column = banner[4].FindIndex(v => v.ValueKind == JsonValueKind.String && v.GetString() == "recruited by phone (A)");
        Assert.Equal(double.Parse(expected[6], CultureInfo.InvariantCulture) * 100, inAisle[column].GetDouble(), 1e-12);
        Assert.Equal(expected[12], inAisle[column + 1].GetString());
        Assert.Equal("+0.0;\"−\"0.0;0.0", sheets.GetProperty("formats").GetProperty("points").GetString());
        Assert.Contains(banner, r => r.Count > 0 && r[0].ValueKind == JsonValueKind.String && r[0].GetString()!.StartsWith("Adjustment: Holm", StringComparison.Ordinal));
        Assert.Contains(banner, r => r.Count > 0 && r[0].ValueKind == JsonValueKind.String && r[0].GetString()!.StartsWith("Small cells:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_workbook_is_the_same_bytes_on_every_run()
    {
        var result = Compute(new BannerOptions());
        var source = new NetHelpfulness.Reporting.BannerSource(Input, "weights: weight");
        using var a = new MemoryStream();
        using var b = new MemoryStream();
        NetHelpfulness.Cli.Output.BannerWorkbook.Write(result, source, a);
        NetHelpfulness.Cli.Output.BannerWorkbook.Write(result, source, b);
        Assert.True(a.ToArray().AsSpan().SequenceEqual(b.ToArray()));
    }

    private static BannerResult Compute(BannerOptions options)
    {
        var survey = SurveyReader.ReadFile(Input);
        var design = survey.Design(new DesignSpec { Weight = "weight", Strata = "stratum", Cluster = "cluster" });
        return Banner.Compute(survey, design, Variables, options);
    }
}

/// <summary>A test that reads a workbook with Python's openpyxl (Debian's python3-openpyxl, as .ci/run installs); skipped where it is absent.</summary>
public sealed class OpenpyxlFactAttribute : FactAttribute
{
    public OpenpyxlFactAttribute()
    {
        if (!Openpyxl.IsAvailable && !NetHelpfulness.Tests.Figures.ExternalTools.Required)
        {
            Skip = "python3 with openpyxl is not installed ('apt-get install -y python3-openpyxl', as .ci/run does)";
        }
    }
}

/// <summary>Dumps a workbook's sheets as JSON with openpyxl: numbers stay numbers, text stays text.</summary>
internal static class Openpyxl
{
    private const string Script = """
        import json, sys, openpyxl
        book = openpyxl.load_workbook(sys.argv[1])
        out = {"sheets": book.sheetnames}
        for sheet in book.worksheets:
            out[sheet.title] = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
        points = book["Banner"]["B7"].number_format
        out["formats"] = {"points": points}
        print(json.dumps(out))
        """;

    public static bool IsAvailable { get; } = Run("-c", "import openpyxl").Code == 0;

    public static string Dump(string workbook)
    {
        var (code, stdout, stderr) = Run("-c", Script, workbook);
        Assert.True(code == 0, "openpyxl could not read the workbook: " + stderr);
        return stdout;
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        try
        {
            // Debian's interpreter, which python3-openpyxl installs into (a python3 earlier on PATH may be another one).
            var start = new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout.Result, stderr);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, "", e.Message);
        }
    }
}
