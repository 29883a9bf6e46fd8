using System.Text;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Tests.Cli;

namespace NetHelpfulness.Tests.Data;

public sealed class SurveyReaderTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private static readonly string ReferenceFile = ReferenceFiles.Path("tests", "reference", "data", "stratified-clustered.csv");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void File_with_quotes_bom_crlf_and_skipped_ratings_loads_like_the_plain_file()
    {
        var plain = SurveyReader.ReadFile(ReferenceFile, new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "stratum", ClusterColumn = "cluster" });

        // Same data: every field quoted, one country with an embedded comma and a quote, CRLF line ends, a BOM.
        var lines = File.ReadAllLines(ReferenceFile);
        var text = new StringBuilder();
        foreach (var line in lines)
        {
            var fields = line.Split(',').Select(f => f == "DE" ? "D,\"\"E" : f).Select(f => "\"" + f + "\"");
            text.Append(string.Join(",", fields)).Append("\r\n");
        }

        var path = _temp.File("quoted.csv", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray());
        var quoted = SurveyReader.ReadFile(path, new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "stratum", ClusterColumn = "cluster" });

        Assert.Equal(plain.RespondentIds, quoted.RespondentIds);
        Assert.Equal(plain.Scenarios, quoted.Scenarios);
        Assert.Equal(plain.Ratings.ToArray(), quoted.Ratings.ToArray());
        Assert.Equal(plain.Weights.ToArray(), quoted.Weights.ToArray());
        Assert.Contains("D,\"E", quoted.Country!.Levels);
        Assert.Contains(quoted.Ratings.ToArray(), r => r == SurveyResponses.Missing);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_others_are_ignored()
    {
        var path = _temp.File("s.csv", "rating,note,scenario,country,respondent_id\n4,\"x, y\",a,DE,r1\n,z,b,DE,r1\n1,,a,FR,r2\n");
        var survey = SurveyReader.ReadFile(path);
        Assert.Equal(["r1", "r2"], survey.RespondentIds);
        Assert.Equal(["a", "b"], survey.Scenarios);
        Assert.Equal(new sbyte[] { 4, SurveyResponses.Missing, 1, SurveyResponses.Missing }, survey.Ratings.ToArray());
        Assert.False(survey.IsWeighted);
    }

    [Fact]
    public void Lf_cr_lf_and_a_missing_final_newline_are_all_accepted()
    {
        var path = _temp.File("s.csv", "respondent_id,country,scenario,rating\r\nr1,DE,a,4\nr2,DE,a,5\r\n\r\nr3,DE,a,2");
        var survey = SurveyReader.ReadFile(path);
        Assert.Equal(3, survey.RespondentCount);
    }

    [Fact]
    public void Quoted_line_break_advances_the_line_number_of_later_errors()
    {
        var path = _temp.File("s.csv", "respondent_id,country,scenario,rating\nr1,\"multi\nline\",a,4\nr2,DE,a,9\n");
        var error = Assert.Throws<SurveyDataException>(() => SurveyReader.ReadFile(path));
        Assert.Equal(4, Assert.Single(error.Issues).Line);
    }

    [Fact]
    public void Wide_layout_gives_the_same_survey_as_long()
    {
        var longSurvey = SurveyReader.ReadFile(ReferenceFile, new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "stratum", ClusterColumn = "cluster" });
        var wide = SurveyReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "stratified-clustered-wide.csv"),
            new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioPrefix = "q_", WeightColumn = "weight", StrataColumn = "stratum", ClusterColumn = "cluster" });
        var a = NetScore.ForEachScenario(longSurvey, IntervalMethod.Linearized);
        var b = NetScore.ForEachScenario(wide, IntervalMethod.Linearized);
        foreach (var score in a)
        {
            var other = b.Single(x => x.Scenario == score.Scenario).Score;
            Assert.Equal(score.Score.Estimate, other.Estimate, 1e-12);
            Assert.Equal(score.Score.StandardError, other.StandardError, 1e-12);
        }
    }

    [Fact]
    public void Wide_layout_accepts_named_scenario_columns()
    {
        var path = _temp.File("w.csv", "respondent_id,country,Q1,Q2,age\nr1,DE,4,,30\nr2,FR,1,5,40\n");
        var survey = SurveyReader.ReadFile(path, new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioColumns = ["Q1", "Q2"] });
        Assert.Equal(["Q1", "Q2"], survey.Scenarios);
        Assert.Equal(new sbyte[] { 4, SurveyResponses.Missing, 1, 5 }, survey.Ratings.ToArray());
    }

    [Fact]
    public void Seven_point_scale_maps_ratings_to_scores()
    {
        var path = _temp.File("s.csv", "respondent_id,country,scenario,rating\nr1,DE,a,7\nr2,DE,a,5\nr3,DE,a,4\nr4,DE,a,2\n");
        var survey = SurveyReader.ReadFile(path, new SurveyReadOptions { Scale = new RatingScale(1, 7, 5, 7, 1, 3) });
        Assert.Equal(new sbyte[] { 1, 1, 0, -1 }, survey.Scores(0));
    }

    [Fact]
    public void Zero_to_ten_scale_accepts_zero()
    {
        var path = _temp.File("s.csv", "respondent_id,country,scenario,rating\nr1,DE,a,0\nr2,DE,a,10\nr3,DE,a,5\n");
        var survey = SurveyReader.ReadFile(path, new SurveyReadOptions { Scale = new RatingScale(0, 10, 7, 10, 0, 3) });
        Assert.Equal(new sbyte[] { -1, 1, 0 }, survey.Scores(0));
    }

    [Fact]
    public void Data_frame_has_typed_columns_and_nulls_for_skipped_ratings()
    {
        var survey = SurveyReader.ReadFile(ReferenceFile, new SurveyReadOptions { WeightColumn = "weight" });
        var frame = survey.ToDataFrame();
        Assert.Equal((long)survey.RespondentCount * survey.ScenarioCount, frame.Rows.Count);
        Assert.Equal(typeof(int), frame["rating"].DataType);
        Assert.Equal(typeof(double), frame["weight"].DataType);
        Assert.Equal(typeof(string), frame["country"].DataType);
        Assert.True(frame["rating"].NullCount > 0);
        Assert.Equal(survey.Weights[0], (double)frame["weight"][0]!);

        var wide = survey.ToWideDataFrame();
        Assert.Equal(survey.RespondentCount, wide.Rows.Count);
        Assert.Equal(typeof(int), wide[survey.Scenarios[0]].DataType);
    }
}
