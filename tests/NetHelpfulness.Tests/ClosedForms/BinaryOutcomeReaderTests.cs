using System.Text;
using NetHelpfulness.Data;

namespace NetHelpfulness.Tests.ClosedForms;

/// <summary>The 0/1 outcome loader: what it accepts, and one test per rule it enforces.</summary>
public sealed class BinaryOutcomeReaderTests : IDisposable
{
    private const string Header = "respondent_id,country,weight,exposed,outcome";
    private readonly string _folder = Directory.CreateTempSubdirectory("nethelp-binary-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Reads_the_reference_trust_file_with_its_design()
    {
        var data = BinaryOutcomeReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "closed-forms", "trust-design.csv"),
            new BinaryOutcomeReadOptions { WeightColumn = "weight", StrataColumn = "stratum", ClusterColumn = "cluster", Columns = ["transparent_humane", "shares_personal_info"] });
        Assert.Equal(307, data.RespondentCount);
        Assert.Equal(["transparent_humane", "shares_personal_info"], data.ColumnNames);
        Assert.True(data.IsWeighted && data.HasDesign);
        Assert.Equal(3, data.Strata!.Levels.Count);
        Assert.Equal(3, data.Design().StratumCount);
        Assert.Equal(160, data.Column("transparent_humane").ToArray().Count(v => v == 1));
    }

    [Fact]
    public void Quoted_fields_a_BOM_CRLF_and_any_column_order_load()
    {
        var path = Write("\uFEFFoutcome,\"respondent_id\",exposed,country,note\r\n1,\"r,1\",0,DE,\"said \"\"hi\"\"\"\r\n0,r2,1,FR,x\r\n", bom: false);
        var data = BinaryOutcomeReader.ReadFile(path, new BinaryOutcomeReadOptions { Columns = ["exposed", "outcome"] });
        Assert.Equal(["r,1", "r2"], data.RespondentIds);
        Assert.Equal([0, 1], data.Column("exposed").ToArray());
        Assert.Equal([1, 0], data.Column("outcome").ToArray());
        Assert.False(data.HasDesign);
        Assert.Equal("FR", data.Country![1]);
    }

    [Fact]
    public void Without_named_columns_every_other_column_is_a_0_1_column_except_the_contract_weight()
    {
        var data = BinaryOutcomeReader.ReadFile(Write(Header + "\nr1,DE,1.5,1,0\nr2,DE,2,0,1\n"));
        Assert.Equal(["exposed", "outcome"], data.ColumnNames);
        Assert.False(data.IsWeighted);
    }

    [Fact]
    public void A_missing_file_names_the_file()
    {
        var e = Assert.Throws<SurveyDataException>(() => BinaryOutcomeReader.ReadFile(Path.Combine(_folder, "absent.csv")));
        Assert.Contains("absent.csv", e.Message, StringComparison.Ordinal);
        Assert.Contains("a readable file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_is_refused() =>
        AssertSingleIssue(Write(""), 0, "", "a header row (the file is empty)");

    [Fact]
    public void A_header_without_rows_is_refused() =>
        AssertSingleIssue(Write(Header + "\n"), 1, "", "at least one data row");

    [Fact]
    public void A_missing_respondent_column_lists_the_header() =>
        AssertSingleIssue(Write("id,exposed,outcome\n1,0,1\n"), 1, "respondent_id", "the header has: id, exposed, outcome");

    [Fact]
    public void A_missing_named_column_is_refused() =>
        AssertSingleIssue(Write(Header + "\nr1,DE,1,0,1\n"), 1, "trust", "a column named 'trust' (named as a 0/1 column)", new BinaryOutcomeReadOptions { Columns = ["trust", "outcome"] });

    [Fact]
    public void A_missing_weight_column_is_refused() =>
        AssertSingleIssue(Write("respondent_id,exposed,outcome\nr1,0,1\n"), 1, "w", "named as the weight column", new BinaryOutcomeReadOptions { WeightColumn = "w" });

    [Fact]
    public void A_repeated_column_name_is_refused() =>
        AssertSingleIssue(Write("respondent_id,exposed,exposed\nr1,0,1\n"), 1, "exposed", "each column name once");

    [Fact]
    public void An_empty_column_name_is_refused() =>
        AssertSingleIssue(Write("respondent_id,,outcome\nr1,0,1\n"), 1, "#2", "a column name");

    [Fact]
    public void A_design_column_cannot_also_be_an_outcome() =>
        AssertSingleIssue(Write(Header + "\nr1,DE,1,0,1\n"), 1, "weight", "not also the respondent", new BinaryOutcomeReadOptions { WeightColumn = "weight", Columns = ["weight", "outcome"] });

    [Fact]
    public void A_file_with_no_0_1_column_is_refused() =>
        AssertSingleIssue(Write("respondent_id,country,weight\nr1,DE,1\n"), 1, "", "at least one 0/1 column");

    [Theory]
    [InlineData("2")]
    [InlineData("yes")]
    [InlineData("0.5")]
    [InlineData("-1")]
    public void A_value_other_than_0_or_1_is_refused(string value) =>
        AssertSingleIssue(Write(Header + $"\nr1,DE,1,0,1\nr2,DE,1,{value},1\n"), 3, "exposed", "0 or 1", found: value);

    [Fact]
    public void An_empty_0_1_value_is_refused_not_imputed() =>
        AssertSingleIssue(Write(Header + "\nr1,DE,1,0,\n"), 2, "outcome", "an empty value is not allowed");

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("abc")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1,5")]
    public void A_weight_that_is_not_a_finite_positive_number_is_refused(string weight) =>
        AssertSingleIssue(Write(Header + $"\nr1,DE,\"{weight}\",0,1\n"), 2, "weight", "a finite number > 0", new BinaryOutcomeReadOptions { WeightColumn = "weight" }, weight);

    [Fact]
    public void A_repeated_respondent_is_refused() =>
        AssertSingleIssue(Write(Header + "\nr1,DE,1,0,1\nr2,DE,1,1,1\nr1,DE,1,0,0\n"), 4, "respondent_id", "one row per respondent (respondent 'r1' is also on line 2)", found: "r1");

    [Fact]
    public void An_empty_respondent_id_is_refused() =>
        AssertSingleIssue(Write(Header + "\n ,DE,1,0,1\n"), 2, "respondent_id", "a respondent identifier");

    [Fact]
    public void An_empty_strata_value_is_refused() =>
        AssertSingleIssue(Write("respondent_id,stratum,exposed,outcome\nr1,,0,1\n"), 2, "stratum", "a value (not empty)", new BinaryOutcomeReadOptions { StrataColumn = "stratum" });

    [Fact]
    public void An_empty_cluster_value_is_refused() =>
        AssertSingleIssue(Write("respondent_id,psu,exposed,outcome\nr1,,0,1\n"), 2, "psu", "a value (not empty)", new BinaryOutcomeReadOptions { ClusterColumn = "psu" });

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_refused() =>
        AssertSingleIssue(Write(Header + "\nr1,DE,1,0\n"), 2, "", "5 fields, as in the header", found: "4 fields");

    [Fact]
    public void Broken_quoting_is_refused() =>
        AssertSingleIssue(Write(Header + "\nr1,DE,1,0,\"1\n"), 2, "outcome", "a closing quote");

    [Fact]
    public void Invalid_UTF8_is_refused()
    {
        var path = Path.Combine(_folder, "latin1.csv");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes(Header + "\nr1,"), 0xE9, .. Encoding.ASCII.GetBytes(",1,0,1\n")]);
        var e = Assert.Throws<SurveyDataException>(() => BinaryOutcomeReader.ReadFile(path));
        Assert.Contains(e.Issues, i => i.Expected.Contains("UTF-8", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_line()
    {
        var path = Write(Header + "\nr1,DE,1,0,2\nr2,DE,0,1,1\nr3,DE,1,x,1\n");
        var e = Assert.Throws<SurveyDataException>(() => BinaryOutcomeReader.ReadFile(path, new BinaryOutcomeReadOptions { WeightColumn = "weight" }));
        Assert.Equal([(2L, "outcome"), (3L, "weight"), (4L, "exposed")], e.Issues.Select(i => (i.Line, i.Column)));
        Assert.All(e.Lines, line => Assert.StartsWith(path + ":", line, StringComparison.Ordinal));
    }

    [Fact]
    public void Reading_stops_at_the_cap_and_says_so()
    {
        var rows = string.Concat(Enumerable.Range(1, 20).Select(i => $"r{i},DE,1,0,9\n"));
        var e = Assert.Throws<SurveyDataException>(() => BinaryOutcomeReader.ReadFile(Write(Header + "\n" + rows), new BinaryOutcomeReadOptions { MaxIssues = 5 }));
        Assert.Equal(5, e.Issues.Count);
        Assert.True(e.Truncated);
        Assert.Contains("stopped after 5 problems", e.Lines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Asking_for_a_column_that_was_not_read_is_a_programming_error()
    {
        var data = BinaryOutcomeReader.ReadFile(Write(Header + "\nr1,DE,1,0,1\n"));
        Assert.Throws<ArgumentException>(() => data.Column("missing"));
    }

    private string Write(string text, bool bom = false)
    {
        var path = Path.Combine(_folder, $"f{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text, new UTF8Encoding(bom));
        return path;
    }

    private static void AssertSingleIssue(string path, long line, string column, string expected, BinaryOutcomeReadOptions? options = null, string? found = null)
    {
        var e = Assert.Throws<SurveyDataException>(() => BinaryOutcomeReader.ReadFile(path, options));
        var issue = Assert.Single(e.Issues);
        Assert.Equal(path, issue.File);
        Assert.Equal(line, issue.Line);
        Assert.Equal(column, issue.Column);
        Assert.Contains(expected, issue.Expected, StringComparison.Ordinal);
        if (found is not null)
        {
            Assert.Equal(found, issue.Found);
        }
    }
}
