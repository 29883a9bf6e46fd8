using System.Globalization;
using System.Text;
using NetHelpfulness.Data;

namespace NetHelpfulness.Tests.Data;

/// <summary>
/// The long layout's fast path over UTF-8 bytes (<see cref="SurveyReader.TryReadLongFast"/>) against the full loader
/// (<see cref="SurveyReader.Read(TextReader, string, SurveyReadOptions?)"/>): whenever the fast path reads a file it gives
/// the very survey the full loader gives (every column, weights bit for bit, lines, kept inconsistencies), and it never
/// accepts a file the full loader refuses.
/// </summary>
public class LongFastPathTests
{
    private static readonly SurveyReadOptions Weighted = new() { WeightColumn = "weight" };

    public static TheoryData<string, string?, string?, string?> ShippedLongFiles() => new()
    {
        { "data/synthetic/survey.csv", "weight", null, null },
        { "data/synthetic/survey.csv", "weight", "country", null },
        { "data/synthetic/survey.csv", null, null, null },
        { "data/examples/small-stratified-synthetic.csv", "weight", "stratum", "cluster" },
        { "tests/reference/data/design-survey.csv", "weight", "stratum", "cluster" },
        { "tests/reference/data/model-survey.csv", "weight", "stratum", "cluster" },
        { "tests/reference/data/resampling-survey.csv", "weight", "stratum", "cluster" },
        { "tests/reference/data/calibration/lonely-psu-survey.csv", "weight", "stratum", null },
    };

    [Theory]
    [MemberData(nameof(ShippedLongFiles))]
    public void Shipped_files_load_by_the_fast_path_to_the_full_loaders_survey(string file, string? weight, string? strata, string? cluster)
    {
        var bytes = File.ReadAllBytes(ReferenceFiles.Path(file.Split('/')));
        var options = new SurveyReadOptions { WeightColumn = weight, StrataColumn = strata, ClusterColumn = cluster };
        var fast = SurveyReader.TryReadLongFast(new MemoryStream(bytes), file, options);
        Assert.NotNull(fast);
        AssertSame(Full(bytes, file, options), fast);

        // As the command line reads it: only the columns it names kept.
        var kept = options with { KeepColumns = [] };
        AssertSame(Full(bytes, file, kept), SurveyReader.TryReadLongFast(new MemoryStream(bytes), file, kept)!);
    }

    [Theory]
    [InlineData("\uFEFFrespondent_id,country,weight,scenario,rating\nr1,DE,1.5,a,4\nr1,DE,1.5,b,\nr2,FR,2,a,1\n", "a BOM")]
    [InlineData("respondent_id,country,weight,scenario,rating\r\nr1,DE,1.5,a,4\r\nr1,DE,1.5,b,\r\nr2,FR,2,a,1\r\n", "CRLF")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE,1.5,a,4\n\n\nr2,FR,2,a,1", "blank lines, no final line end")]
    [InlineData("respondent_id , country,weight,scenario,rating\n r1 ,DE , 1.5 ,a, 4\nr1,DE,1.50,b,5 \nr2,FR,2e0,a,1\n", "spaces around values, one weight written two ways")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,Österreich,0.1,ä,4\nr2,日本,0.30000000000000004,ä,1\nr1,Österreich,0.1,b,2\n", "non-ASCII text, respondents interleaved")]
    [InlineData("respondent_id,country,weight,note,scenario,rating\nr1,DE,1,x,a,4\nr1,DE,1,y,b,4\nr2,FR,2,z,a,3\n", "a column that varies within a respondent, kept as an inconsistency")]
    [InlineData("respondent_id,country,weight,segment,scenario,rating\nr1,DE,1,,a,4\nr1,DE,1,,b,2\nr2,FR,2,x,a,3\n", "an empty value first in a kept column")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE,1,a,004\nr2,DE,1e-300,a,1\nr3,DE,1.7976931348623157E+308,a,5\n", "leading zeros, extreme weights")]
    public void Clean_variants_load_by_the_fast_path_to_the_same_survey(string text, string what)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var fast = SurveyReader.TryReadLongFast(new MemoryStream(bytes), "v.csv", Weighted);
        Assert.True(fast is not null, what);
        AssertSame(Full(bytes, "v.csv", Weighted), fast);
    }

    [Theory]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,\"DE\",1,a,4\n", "a quoted field")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE\t,1,a,4\n", "a tab")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE\u00A0,1,a,4\n", "a no-break space after a value")]
    [InlineData("respondent_id,country,weight,scenario,rating\rr1,DE,1,a,4\r", "CR line ends")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE,1,a,+4\n", "a rating with a sign")]
    public void Irregular_but_valid_files_are_left_to_the_full_loader_and_still_load(string text, string what)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.True(SurveyReader.TryReadLongFast(new MemoryStream(bytes), "v.csv", Weighted) is null, what);
        AssertSame(Full(bytes, "v.csv", Weighted), SurveyReader.Read(new MemoryStream(bytes), "v.csv", Weighted));
    }

    [Theory]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE,1,a,4\nr1,DE,1,a,5\n")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE,1,a,4\nr1,DE,2,b,5\n")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE,1,a,4\nr1,FR,1,b,5\n")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE,0,a,4\n")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE,1,a,6\n")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE,1,,4\n")]
    [InlineData("respondent_id,country,weight,scenario,rating\n,DE,1,a,4\n")]
    [InlineData("respondent_id,country,weight,scenario,rating\nr1,DE,1,a\n")]
    [InlineData("respondent_id,country,weight,scenario,rating\n")]
    [InlineData("respondent_id,country,weight,scenario\nr1,DE,1,a\n")]
    [InlineData("respondent_id,country,weight,weight,scenario,rating\nr1,DE,1,1,a,4\n")]
    public void Broken_files_fail_with_the_full_loaders_errors(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        Assert.Null(SurveyReader.TryReadLongFast(new MemoryStream(bytes), "b.csv", Weighted));
        var expected = Assert.Throws<SurveyDataException>(() => Full(bytes, "b.csv", Weighted));
        var actual = Assert.Throws<SurveyDataException>(() => SurveyReader.Read(new MemoryStream(bytes), "b.csv", Weighted));
        Assert.Equal(expected.Issues, actual.Issues);
        Assert.Equal(expected.Message, actual.Message);
    }

    [Fact]
    public void Mutated_files_give_the_same_survey_or_the_same_errors_on_both_paths()
    {
        // Quote-free, so that the fast path is tried on most mutants (the loader's own fuzz test has quoted fields).
        var valid = Encoding.UTF8.GetBytes("respondent_id,country,weight,stratum,scenario,rating\n" + string.Concat(
            Enumerable.Range(0, 30).SelectMany(i => new[] { "a", "b", "c" }.Select(s =>
                string.Create(CultureInfo.InvariantCulture, $"r{i},C{i % 3},{1 + (i % 5 * 0.25)},S{i % 2},{s},{(i * 7 % 6 == 0 ? "" : ((i + s[0]) % 5) + 1)}\n")))));
        var options = new SurveyReadOptions { WeightColumn = "weight", StrataColumn = "stratum" };
        var random = new Random(20261202);
        int fast = 0, failed = 0;
        for (var c = 0; c < 3000; c++)
        {
            var bytes = Mutate(valid, random);
            SurveyResponses? full = null;
            SurveyDataException? error = null;
            try
            {
                full = Full(bytes, "m.csv", options);
            }
            catch (SurveyDataException e)
            {
                error = e;
                failed++;
            }

            var quick = SurveyReader.TryReadLongFast(new MemoryStream(bytes), "m.csv", options);
            if (quick is not null)
            {
                fast++;
                Assert.True(full is not null, $"case {c}: the fast path accepted a file the full loader refuses ({error?.Message})\n{Encoding.UTF8.GetString(bytes)}");
                AssertSame(full, quick);
            }

            if (error is not null)
            {
                Assert.Equal(error.Issues, Assert.Throws<SurveyDataException>(() => SurveyReader.Read(new MemoryStream(bytes), "m.csv", options)).Issues);
            }
        }

        // Both paths and both outcomes must occur, or the comparison tests nothing.
        Assert.InRange(fast, 100, 2900);
        Assert.InRange(failed, 100, 2900);
    }

    private static SurveyResponses Full(byte[] bytes, string source, SurveyReadOptions options) =>
        SurveyReader.Read(new StreamReader(new MemoryStream(bytes), new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true), source, options);

    private static void AssertSame(SurveyResponses expected, SurveyResponses actual)
    {
        Assert.Equal(expected.Source, actual.Source);
        Assert.Equal(expected.Scale, actual.Scale);
        Assert.Equal(expected.FileColumns, actual.FileColumns);
        Assert.Equal(expected.Scenarios, actual.Scenarios);
        Assert.Equal(expected.ScenarioLabels, actual.ScenarioLabels);
        Assert.Equal(expected.RespondentIds, actual.RespondentIds);
        Assert.Equal(expected.Ratings.ToArray(), actual.Ratings.ToArray());
        Assert.Equal(expected.DefaultDesign, actual.DefaultDesign);
        Assert.Equal(expected.Groups.Select(g => g.Name), actual.Groups.Select(g => g.Name));
        Assert.Equal(expected.ColumnNames, actual.ColumnNames);
        Assert.Equal(expected.Weights.ToArray().Select(BitConverter.DoubleToInt64Bits), actual.Weights.ToArray().Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(Enumerable.Range(0, expected.RespondentCount).Select(expected.LineOf), Enumerable.Range(0, actual.RespondentCount).Select(actual.LineOf));
        foreach (var name in expected.ColumnNames)
        {
            Assert.Equal(ColumnOrIssues(expected, name), ColumnOrIssues(actual, name));
        }
    }

    // A column's codes and levels, or the issue it throws (a value that varied within a respondent).
    private static string ColumnOrIssues(SurveyResponses survey, string name)
    {
        try
        {
            var column = survey.Column(name);
            return string.Join(",", column.Codes.ToArray()) + "|" + string.Join("\u0001", column.Levels);
        }
        catch (SurveyDataException e)
        {
            return string.Join("\n", e.Issues);
        }
    }

    private static byte[] Mutate(byte[] valid, Random random)
    {
        var bytes = new List<byte>(valid);
        for (var m = random.Next(1, 3); m > 0 && bytes.Count > 0; m--)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(10))
            {
                case 0: bytes[at] = (byte)random.Next(256); break;
                case 1: bytes.RemoveRange(at, bytes.Count - at); break;
                case 2: bytes.Insert(at, (byte)' '); break;
                case 3: bytes.Insert(at, (byte)','); break;
                case 4: bytes.InsertRange(at, [0xC3, 0xA4]); break;                     // ä
                case 5: bytes.InsertRange(at, [0xC2, 0xA0]); break;                     // no-break space
                case 6: bytes.Insert(at, (byte)'\n'); break;
                case 7: bytes.InsertRange(at, "\r\n"u8.ToArray()); break;
                case 8: bytes[at] = (byte)"0123456789.e-"[random.Next(13)]; break;      // a digit, a point, an exponent
                default: bytes.RemoveAt(at); break;
            }
        }

        return [.. bytes];
    }
}
