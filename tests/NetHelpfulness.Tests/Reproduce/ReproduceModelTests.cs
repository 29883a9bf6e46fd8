using System.Globalization;
using NetHelpfulness.Cli;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Figures;

namespace NetHelpfulness.Tests.Reproduce;

/// <summary>
/// <c>nethelp reproduce</c> on the shipped SYNTHETIC study fits the design-based models: its tables hold the library's
/// estimates, its figures include the forest and the interaction plot, and its report states the relationship and
/// tracking effects with their intervals.
/// </summary>
public sealed class ReproduceModelTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("nethelp-reproduce-model-").FullName;

    [Fact]
    public void Reproduce_writes_the_model_tables_and_figures_and_states_the_effects()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = CommandLineApp.Run(["reproduce", "--data", ReferenceFiles.Path("data"), "--out", _output, "--no-images", "--coverage-replicates", "20"], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());

        var survey = SurveyReader.ReadFile(ReferenceFiles.Path("data", "synthetic", "survey.csv"), new SurveyReadOptions { WeightColumn = "weight" });
        var attributes = ScenarioAttributes.Read(ReferenceFiles.Path("data", "scenarios.csv"));
        var fit = SurveyModel.Fit(survey, attributes, survey.Design(),
            new ModelSpecification { Terms = "relationship * tracking + country", Aliased = AliasedColumns.Drop });
        var margins = fit.Margins();

        var predicted = Rows("model-predicted-net-scores");
        var cell = predicted.Single(r => r["relationship"] == "established" && r["tracking"] == "geo_tracking");
        Assert.Equal(margins.Cell("established", "geo_tracking").Estimate!.Estimate, Number(cell["net"]), 1e-14);
        Assert.Equal("", predicted.Single(r => r["relationship"] == "none" && r["tracking"] == "none")["net"]);

        var relationship = margins.Contrasts.Single(c => c.Name.StartsWith("relationship established − none | mean over tracking", StringComparison.Ordinal));
        var report = File.ReadAllText(Path.Combine(_output, "report.md"));
        Assert.Contains(FormattableString.Invariant(
            $"An established relationship changes the predicted net score by {Signed(relationship.Estimate.Estimate)} points (95% CI {Signed(relationship.Interval.Lower)} to {Signed(relationship.Interval.Upper)})"),
            report, StringComparison.Ordinal);
        Assert.Contains("With an established relationship, deep tracking (mean of its kinds) changes it by −", report, StringComparison.Ordinal);

        var tests = Rows("model-tests");
        Assert.Equal(["relationship", "tracking", "country", "relationship:tracking"], tests.Select(t => t["term"]));
        Assert.Equal(fit.Test("relationship:tracking").F, Number(tests[3]["f"]), 1e-9);
        Assert.Contains(Rows("model-coefficients"), r => r["term"] == "relationshipestablished");
        Assert.Contains(Rows("model-odds-ratios"), r => r["outcome"] == "creepy" && r["term"] == "trackingdevice_listening");
        foreach (var figure in new[] { StudyFigures.ModelCoefficientsName, StudyFigures.PredictedNetScoresName })
        {
            Assert.True(File.Exists(Path.Combine(_output, "figures", figure + ".html")), figure);
        }
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_output, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private List<Dictionary<string, string>> Rows(string table)
    {
        // The library's own CSV reader: fields with commas ("mean over tracking = a, b, c") are quoted.
        using var reader = new StreamReader(Path.Combine(_output, "tables", table + ".csv"));
        var csv = new CsvRecordReader(reader);
        var fields = new List<string>();
        Assert.True(csv.TryRead(fields, out _, out _));
        var header = fields.ToArray();
        var rows = new List<Dictionary<string, string>>();
        while (csv.TryRead(fields, out _, out _))
        {
            rows.Add(header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }

        return rows;
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string Signed(double value) => NetHelpfulness.Reporting.Format.Points(value);
}
