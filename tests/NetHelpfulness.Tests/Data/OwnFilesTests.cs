using System.Text.Json;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Tests.Cli;

namespace NetHelpfulness.Tests.Data;

/// <summary>
/// Researchers' own files, written by other programs (haven, GNU PSPP, a Qualtrics-style export, a plain wide CSV with
/// an `id` column and no country), scored by <c>nethelp score</c> and compared with R survey 4.1.1 on the same data read
/// with haven (tests/reference/own-files-reference.R): weighted, stratified and clustered, user-missing codes as not
/// answered, to 1e-9.
/// </summary>
public class OwnFilesTests
{
    private const double Tolerance = 1e-9;
    private static readonly string[] Design = ["--weight", "weight", "--strata", "stratum", "--cluster", "cluster"];

    public static TheoryData<string, string[]> Files() => new()
    {
        { "survey-haven.sav", ["--scenario-prefix", "q_", "--id", "id"] },
        { "survey-haven.zsav", ["--scenario-prefix", "q_", "--id", "id"] },
        { "survey-pspp.sav", ["--scenario-prefix", "q_", "--id", "id"] },
        { "survey-wide.csv", ["--scenario-prefix", "q_", "--id", "id"] },
        { "qualtrics-export.csv", ["--scenario-prefix", "Q1_", "--id", "ResponseId", "--labels", Path("qualtrics-labels.csv")] },
    };

    [Theory]
    [MemberData(nameof(Files))]
    public void Score_equals_R_svymean_on_the_haven_read_data(string file, string[] options)
    {
        // The Qualtrics export holds the plain wide file's answers as text.
        var referenceFile = file == "qualtrics-export.csv" ? "survey-wide.csv" : file;
        var expected = ReferenceFiles.ReadTable("tests/reference/expected/own-files/net-scores.csv").Where(r => r["file"] == referenceFile).ToList();
        Assert.Equal(6, expected.Count);
        var result = CliRunner.Run(["score", "--input", Path(file), .. Design, .. options, "--format", "json"]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("", result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var scenarios = json.RootElement.GetProperty("scenarios").EnumerateArray().ToDictionary(s => s.GetProperty("scenario").GetString()!);
        foreach (var row in expected)
        {
            var s = scenarios[row["scenario"]];
            Assert.Equal(int.Parse(row["n"], System.Globalization.CultureInfo.InvariantCulture), s.GetProperty("n").GetInt32());
            Assert.Equal(row.Number("net"), s.GetProperty("net").GetDouble(), Tolerance);
            Assert.Equal(row.Number("se"), s.GetProperty("se").GetDouble(), Tolerance);
        }
    }

    [Fact]
    public void The_file_s_labels_become_the_scenarios_labels()
    {
        var sav = SurveyReader.ReadFile(Path("survey-pspp.sav"), new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioPrefix = "q_" });
        Assert.Equal("A birthday offer", sav.ScenarioLabels["birthday_offer"]);
        var haven = SurveyReader.ReadFile(Path("survey-haven.zsav"), new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioPrefix = "q_" });
        Assert.Equal("A birthday offer", haven.ScenarioLabels["birthday_offer"]);
        var qualtrics = SurveyReader.ReadFile(Path("qualtrics-export.csv"), new SurveyReadOptions
        {
            Layout = SurveyLayout.Wide,
            ScenarioPrefix = "Q1_",
            IdColumn = "ResponseId",
            AnswerLabels = AnswerLabels.Read(Path("qualtrics-labels.csv"), RatingScale.FivePoint),
        });
        Assert.Equal("How creepy or helpful is this? - A birthday offer", qualtrics.ScenarioLabels["birthday_offer"]);
        Assert.Equal(323, qualtrics.RespondentCount);
        Assert.StartsWith("R_", qualtrics.RespondentIds[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_wide_file_without_an_identifier_numbers_its_rows_and_needs_no_country()
    {
        using var folder = new TempFolder();
        var path = folder.File("no-id.csv", "w,q_a,q_b\n1.5,4,5\n0.5,2,\n1,3,1\n");
        var survey = SurveyReader.ReadFile(path, new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioPrefix = "q_" });
        Assert.Equal(["1", "2", "3"], survey.RespondentIds);
        Assert.Null(survey.Country);
        var scores = NetScore.ForEachScenario(survey, survey.Design(new DesignSpec { Weight = "w" }), IntervalMethod.Linearized);
        Assert.Equal((1.5 * 1 + 0.5 * -1 + 1 * 0) / 3.0, scores[0].Score.Estimate, 1e-15);
    }

    [Fact]
    public void An_answer_that_is_neither_a_code_nor_a_label_names_line_column_value_and_the_labels()
    {
        using var folder = new TempFolder();
        var labels = folder.File("labels.csv", "label,code\nVery creepy,1\nVery helpful,5\nDon't know,\n");
        var path = folder.File("answers.csv", "id,q_a\nr1,Very helpful\nr2,don't KNOW\nr3,Rather helpful\n");
        var result = CliRunner.Run("score", "--input", path, "--id", "id", "--scenario-prefix", "q_", "--labels", labels);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.Contains($"{path}:4: column 'q_a': found 'Rather helpful', expected", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("'Very creepy' (1), 'Very helpful' (5), 'Don't know' (not answered)", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("label,code\nVery creepy,6\n", "code", "'6'")]
    [InlineData("label,code\nYes,1\nyes,2\n", "label", "each label once")]
    [InlineData("label,code\n,1\n", "label", "a label")]
    public void A_bad_labels_file_is_refused_with_its_line(string content, string column, string message)
    {
        using var folder = new TempFolder();
        var labels = folder.File("labels.csv", content);
        var e = Assert.Throws<SurveyDataException>(() => AnswerLabels.Read(labels, RatingScale.FivePoint));
        Assert.Equal(column, e.Issues[0].Column);
        Assert.Contains(message, e.Issues[0].ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_rating_off_the_scale_in_an_SPSS_file_names_the_byte_offset_and_case()
    {
        var result = CliRunner.Run("score", "--input", Path("survey-pspp.sav"), "--scenario-prefix", "q_", "--scale-max", "4", "--helpful", "3-4", "--creepy", "1-2");
        Assert.Equal(2, result.ExitCode);
        Assert.Matches(@"survey-pspp\.sav: byte \d+ \(case \d+\): variable 'q_[a-z_]+': found '5', expected", result.Stderr);
    }

    [Fact]
    public void An_SPSS_file_needs_its_rating_variables_named()
    {
        var result = CliRunner.Run("score", "--input", Path("survey-haven.sav"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--scenario-prefix", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unweighted_estimates_from_a_file_with_a_weight_column_say_so_on_stderr()
    {
        var unweighted = CliRunner.Run("score", "--input", Path("survey-wide.csv"), "--scenario-prefix", "q_", "--id", "id", "--format", "json");
        Assert.Equal(0, unweighted.ExitCode);
        Assert.Contains("has a weight column 'weight', but no --weight was given", unweighted.Stderr, StringComparison.Ordinal);
        var weighted = CliRunner.Run("score", "--input", Path("survey-wide.csv"), "--scenario-prefix", "q_", "--id", "id", "--weight", "weight");
        Assert.Equal("", weighted.Stderr);
    }

    private static string Path(string file) => ReferenceFiles.Path("tests", "reference", "data", "own-files", file);
}
