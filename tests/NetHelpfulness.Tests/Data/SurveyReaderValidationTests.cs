using NetHelpfulness.Data;
using NetHelpfulness.Tests.Cli;

namespace NetHelpfulness.Tests.Data;

/// <summary>One test per rule of the data contract: each violation names the file, line and column.</summary>
public sealed class SurveyReaderValidationTests : IDisposable
{
    private const string Header = "respondent_id,country,weight,scenario,rating\n";
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private DataIssue SingleIssue(string content, SurveyReadOptions? options = null)
    {
        var path = _temp.File("survey.csv", content);
        var error = Assert.Throws<SurveyDataException>(() => SurveyReader.ReadFile(path, options));
        var issue = Assert.Single(error.Issues);
        Assert.Equal(path, issue.File);
        Assert.StartsWith(path, error.Lines[0], StringComparison.Ordinal);
        return issue;
    }

    private static readonly SurveyReadOptions Weighted = new() { WeightColumn = "weight" };

    [Theory]
    [InlineData("7")]
    [InlineData("0")]
    [InlineData("x")]
    [InlineData("3.5")]
    [InlineData("-1")]
    public void Rating_outside_the_scale_is_reported(string rating)
    {
        var issue = SingleIssue(Header + "r1,DE,1,a,4\nr1,DE,1,b," + rating + "\n");
        Assert.Equal(3, issue.Line);
        Assert.Equal("rating", issue.Column);
        Assert.Equal(rating, issue.Found);
        Assert.Contains("1..5", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_required_column_is_reported_with_the_header()
    {
        var issue = SingleIssue("respondent_id,country,scenario\nr1,DE,a\n");
        Assert.Equal(1, issue.Line);
        Assert.Equal("rating", issue.Column);
        Assert.Contains("respondent_id, country, scenario", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_named_weight_column_is_reported()
    {
        var issue = SingleIssue("respondent_id,country,scenario,rating\nr1,DE,a,4\n", Weighted);
        Assert.Equal("weight", issue.Column);
    }

    [Fact]
    public void Duplicate_respondent_and_scenario_names_both_lines()
    {
        var issue = SingleIssue(Header + "r1,DE,1,a,4\nr1,DE,1,b,4\nr1,DE,1,a,5\n");
        Assert.Equal(4, issue.Line);
        Assert.Contains("line 2", issue.Expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1,5")]
    [InlineData("")]
    public void Bad_weight_is_reported(string weight)
    {
        var field = weight.Contains(',', StringComparison.Ordinal) ? "\"" + weight + "\"" : weight;
        var issue = SingleIssue(Header + "r1,DE," + field + ",a,4\n", Weighted);
        Assert.Equal(2, issue.Line);
        Assert.Equal("weight", issue.Column);
        Assert.Contains("> 0", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Weight_that_varies_within_a_respondent_is_reported()
    {
        var issue = SingleIssue(Header + "r1,DE,1.5,a,4\nr1,DE,2,b,4\n", Weighted);
        Assert.Equal(3, issue.Line);
        Assert.Equal("weight", issue.Column);
        Assert.Contains("same weight", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Strata_that_vary_within_a_respondent_are_reported()
    {
        var issue = SingleIssue("respondent_id,country,stratum,scenario,rating\nr1,DE,S1,a,4\nr1,DE,S2,b,4\n", new SurveyReadOptions { StrataColumn = "stratum" });
        Assert.Equal(3, issue.Line);
        Assert.Equal("stratum", issue.Column);
        Assert.Equal("S2", issue.Found);
    }

    [Fact]
    public void Cluster_that_varies_within_a_respondent_is_reported()
    {
        var issue = SingleIssue("respondent_id,country,psu,scenario,rating\nr1,DE,P1,a,4\nr1,DE,P2,b,4\n", new SurveyReadOptions { ClusterColumn = "psu" });
        Assert.Equal("psu", issue.Column);
    }

    [Fact]
    public void Country_that_varies_within_a_respondent_is_reported()
    {
        var issue = SingleIssue(Header + "r1,DE,1,a,4\nr1,FR,1,b,4\n");
        Assert.Equal("country", issue.Column);
    }

    [Fact]
    public void Unterminated_quote_is_reported_at_the_line_it_opens()
    {
        var issue = SingleIssue(Header + "r1,DE,1,a,4\nr2,\"DE,1,a,4\nr3,DE,1,a,4\n");
        Assert.Equal(3, issue.Line);
        Assert.Equal("country", issue.Column);
        Assert.Contains("closing quote", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_inside_an_unquoted_field_is_reported()
    {
        var issue = SingleIssue(Header + "r1,D\"E,1,a,4\n");
        Assert.Equal(2, issue.Line);
        Assert.Equal("country", issue.Column);
    }

    [Fact]
    public void Text_after_a_closing_quote_is_reported()
    {
        var issue = SingleIssue(Header + "r1,\"DE\"x,1,a,4\n");
        Assert.Equal(2, issue.Line);
        Assert.Contains("after a closing quote", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Extra_field_is_reported()
    {
        var issue = SingleIssue(Header + "r1,DE,1,a,4,extra\n");
        Assert.Equal(2, issue.Line);
        Assert.Equal("6 fields", issue.Found);
        Assert.Contains("5 fields", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_field_is_reported()
    {
        var issue = SingleIssue(Header + "r1,DE,1,a\n");
        Assert.Equal("4 fields", issue.Found);
    }

    [Fact]
    public void Empty_file_is_reported()
    {
        var issue = SingleIssue("");
        Assert.Contains("header", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Header_without_rows_is_reported()
    {
        var issue = SingleIssue(Header);
        Assert.Contains("at least one data row", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_respondent_id_is_reported()
    {
        var issue = SingleIssue(Header + ",DE,1,a,4\n");
        Assert.Equal("respondent_id", issue.Column);
    }

    [Fact]
    public void Empty_scenario_is_reported()
    {
        var issue = SingleIssue(Header + "r1,DE,1,,4\n");
        Assert.Equal("scenario", issue.Column);
    }

    [Fact]
    public void Duplicate_header_column_is_reported()
    {
        var issue = SingleIssue("respondent_id,country,scenario,rating,rating\nr1,DE,a,4,4\n");
        Assert.Equal("rating", issue.Column);
        Assert.Contains("once", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_reported()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Header + "r1,DE,1,a,4\nr2,D").Concat(new byte[] { 0xC3, 0x28 }).Concat(System.Text.Encoding.UTF8.GetBytes(",1,a,4\n")).ToArray();
        var path = _temp.File("survey.csv", bytes);
        var error = Assert.Throws<SurveyDataException>(() => SurveyReader.ReadFile(path));
        Assert.Contains(error.Issues, i => i.Expected.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_file_is_reported()
    {
        var path = System.IO.Path.Combine(_temp.Path, "absent.csv");
        var error = Assert.Throws<SurveyDataException>(() => SurveyReader.ReadFile(path));
        Assert.Equal(path, Assert.Single(error.Issues).File);
    }

    [Fact]
    public void Every_violation_is_reported_not_only_the_first()
    {
        var path = _temp.File("survey.csv", Header + "r1,DE,1,a,9\nr2,DE,1,a,4,5\nr3,DE,0,a,4\nr4,DE,1,a,\"x\n");
        var error = Assert.Throws<SurveyDataException>(() => SurveyReader.ReadFile(path, Weighted));
        Assert.Equal([2L, 3L, 4L, 5L], error.Issues.Select(i => i.Line));
        Assert.False(error.Truncated);
    }

    [Fact]
    public void Violations_stop_at_the_cap_and_say_so()
    {
        var rows = string.Concat(Enumerable.Range(1, 100).Select(i => $"r{i},DE,1,a,9\n"));
        var path = _temp.File("survey.csv", Header + rows);
        var error = Assert.Throws<SurveyDataException>(() => SurveyReader.ReadFile(path, new SurveyReadOptions { MaxIssues = 10 }));
        Assert.Equal(10, error.Issues.Count);
        Assert.True(error.Truncated);
        Assert.Contains("stopped after 10 problems", error.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Wide_layout_refuses_a_respondent_on_two_rows()
    {
        var issue = SingleIssue("respondent_id,country,q_a,q_b\nr1,DE,4,5\nr1,DE,3,3\n", new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioPrefix = "q_" });
        Assert.Equal(3, issue.Line);
        Assert.Equal("respondent_id", issue.Column);
    }

    [Fact]
    public void Wide_layout_needs_scenario_columns()
    {
        var issue = SingleIssue("respondent_id,country,x\nr1,DE,4\n", new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioPrefix = "q_" });
        Assert.Contains("q_", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Wide_layout_reports_a_bad_rating_under_its_column()
    {
        var issue = SingleIssue("respondent_id,country,q_a,q_b\nr1,DE,4,6\n", new SurveyReadOptions { Layout = SurveyLayout.Wide, ScenarioPrefix = "q_" });
        Assert.Equal("q_b", issue.Column);
    }

    [Fact]
    public void Messages_name_a_line_and_not_a_respondents_other_answers()
    {
        var issue = SingleIssue(Header + "r1,DE,1,a,4\nr1,DE,1,b,8\n");
        var text = issue.ToString();
        Assert.Matches(@"survey\.csv:3: column 'rating': found '8', expected an integer 1\.\.5", text);
    }
}
