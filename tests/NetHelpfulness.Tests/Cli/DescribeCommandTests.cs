using System.Globalization;
using System.Text.Json;
using NetHelpfulness.Tests.Data.Spss;

namespace NetHelpfulness.Tests.Cli;

/// <summary><c>nethelp describe</c>: its JSON for every SPSS fixture against haven's and PSPP's view; CSV; exit codes.</summary>
public sealed class DescribeCommandTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public static TheoryData<string> Fixtures => SpssReferences.FixtureData();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Json_agrees_with_haven_and_PSPP(string fixture)
    {
        var result = CliRunner.Run("describe", "--input", SpssReferences.Path(fixture), "--format", "json");
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(["cases", "variables"], root.EnumerateObject().Select(p => p.Name));
        var pspp = SpssReferences.Pspp(fixture);
        Assert.Equal(long.Parse(pspp.Info("Cases"), CultureInfo.InvariantCulture), root.GetProperty("cases").GetInt64());
        var variables = root.GetProperty("variables").EnumerateArray().ToList();
        var psppRows = pspp.Tables["Variables"].Skip(1).ToList();
        Assert.Equal(psppRows.Count, variables.Count);
        for (var i = 0; i < variables.Count; i++)
        {
            var v = variables[i];
            Assert.Equal(["name", "label", "type", "width", "value_labels", "missing_values"], v.EnumerateObject().Select(p => p.Name));
            Assert.Equal(psppRows[i][0], v.GetProperty("name").GetString());
            // Width: a string's bytes, else the print format's width (PSPP's "Print Format" column: F9.4, A400, DATE11).
            var printFormat = psppRows[i][Array.IndexOf(pspp.Tables["Variables"][0], "Print Format")];
            var formatWidth = int.Parse(new string([.. printFormat.SkipWhile(char.IsLetter).TakeWhile(char.IsDigit)]), CultureInfo.InvariantCulture);
            Assert.Equal(formatWidth, v.GetProperty("width").GetInt32());
        }

        var haven = SpssReferences.Haven(fixture);
        if (haven.Error is not null)
        {
            return;
        }

        Assert.Equal(haven.Cases, root.GetProperty("cases").GetInt64());
        foreach (var (v, h) in variables.Zip(haven.Variables))
        {
            var where = $"{fixture}, {h.GetProperty("name").GetString()}";
            Assert.Equal(h.GetProperty("name").GetString(), v.GetProperty("name").GetString());
            Assert.True(JsonEqual(h.GetProperty("label"), v.GetProperty("label")), $"{where}: label");
            Assert.Equal(h.GetProperty("type").GetString(), v.GetProperty("type").GetString());
            var isString = h.GetProperty("type").GetString() == "string";

            var expectedLabels = h.GetProperty("value_labels").EnumerateArray()
                .Select(l => (Value: Canonical(l.GetProperty("value").GetString()!, isString), Label: l.GetProperty("label").GetString()))
                .OrderBy(l => l.Value, StringComparer.Ordinal);
            var actualLabels = v.GetProperty("value_labels").EnumerateArray()
                .Select(l => (Value: Value(l.GetProperty("value"), isString), Label: l.GetProperty("label").GetString()))
                .OrderBy(l => l.Value, StringComparer.Ordinal);
            Assert.True(expectedLabels.SequenceEqual(actualLabels), $"{where}: value labels");

            var expectedMissing = h.GetProperty("na_values").EnumerateArray().Select(m => Canonical(m.GetString()!, isString)).ToList();
            if (h.GetProperty("na_range") is { ValueKind: JsonValueKind.Array } range)
            {
                var bounds = range.EnumerateArray().Select(b => SpssReferences.Number(b.GetString()!)).ToArray();
                expectedMissing.Insert(0, $"{Bound(bounds[0])}..{Bound(bounds[1])}");
            }

            var actualMissing = v.GetProperty("missing_values").EnumerateArray()
                .Select(m => m.ValueKind == JsonValueKind.Object
                    ? $"{JsonBound(m.GetProperty("low"))}..{JsonBound(m.GetProperty("high"))}"
                    : Value(m, isString)).ToList();
            Assert.Equal(expectedMissing, actualMissing);
        }
    }

    [Fact]
    public void Json_values_are_JSON_numbers_and_open_ranges_null()
    {
        var result = CliRunner.Run("describe", "--input", SpssReferences.Path("pspp-survey-compressed.sav"), "--format", "json");
        using var json = JsonDocument.Parse(result.Stdout);
        var voice = json.RootElement.GetProperty("variables").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "q_voice");
        var missing = voice.GetProperty("missing_values").EnumerateArray().ToList();
        Assert.Equal(JsonValueKind.Null, missing[0].GetProperty("low").ValueKind);
        Assert.Equal(0, missing[0].GetProperty("high").GetDouble());
        Assert.Equal(JsonValueKind.Number, missing[1].ValueKind);
        Assert.Equal(9, missing[1].GetDouble());
        var label = voice.GetProperty("value_labels").EnumerateArray().First(l => l.GetProperty("label").GetString() == "Very creepy");
        Assert.Equal(JsonValueKind.Number, label.GetProperty("value").ValueKind);
        var code = json.RootElement.GetProperty("variables").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "code");
        Assert.Equal(JsonValueKind.String, code.GetProperty("missing_values")[0].ValueKind);
    }

    [Fact]
    public void Table_lists_every_variable_with_its_labels()
    {
        var result = CliRunner.Run("describe", "--input", SpssReferences.Path("pspp-windows-1251.sav"));
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("4 cases, 3 variables", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("windows-1251", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("1 = Очень жутко", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Оценка: полезно или жутко?", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_columns_get_inferred_types_and_the_longest_width()
    {
        var path = _temp.File("wide.csv", "respondent_id,country, q1 ,weight,note\nr1,Österreich,5,1.5,\nr22,DE,,2e0,\"a, b\"\nr3,FR,3,-0.25,x\n");
        var result = CliRunner.Run("describe", "--input", path, "--format", "json");
        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(3, json.RootElement.GetProperty("cases").GetInt64());
        var variables = json.RootElement.GetProperty("variables").EnumerateArray()
            .Select(v => (v.GetProperty("name").GetString(), v.GetProperty("type").GetString(), v.GetProperty("width").GetInt32(),
                v.GetProperty("label").ValueKind, v.GetProperty("value_labels").GetArrayLength()))
            .ToList();
        Assert.Equal(
        [
            ("respondent_id", "string", 3, JsonValueKind.Null, 0),
            ("country", "string", 10, JsonValueKind.Null, 0),
            ("q1", "numeric", 1, JsonValueKind.Null, 0),
            ("weight", "numeric", 5, JsonValueKind.Null, 0),
            ("note", "string", 4, JsonValueKind.Null, 0),
        ], variables);
    }

    [Fact]
    public void A_truncated_file_is_exit_2_with_the_byte_offset_and_nothing_on_stdout()
    {
        var bytes = File.ReadAllBytes(SpssReferences.Path("pspp-survey-compressed.sav"));
        var path = _temp.File("cut.sav", bytes.AsSpan(0, bytes.Length - 50).ToArray());
        var result = CliRunner.Run("describe", "--input", path, "--format", "json");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("", result.Stdout);
        Assert.StartsWith(path + ": byte ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_usage_and_bad_csv_are_exit_2()
    {
        Assert.Equal(2, CliRunner.Run("describe").ExitCode);
        Assert.Equal(2, CliRunner.Run("describe", "--input", SpssReferences.Path("pspp-latin1.sav"), "--format", "xml").ExitCode);
        var ragged = CliRunner.Run("describe", "--input", _temp.File("ragged.csv", "a,b\n1,2\n3\n"));
        Assert.Equal(2, ragged.ExitCode);
        Assert.Equal("", ragged.Stdout);
        Assert.Contains(":3: found '1 fields', expected 2 fields", ragged.Stderr, StringComparison.Ordinal);
        var missing = CliRunner.Run("describe", "--input", Path.Combine(_temp.Path, "none.sav"));
        Assert.Equal(2, missing.ExitCode);
    }

    private static string Canonical(string havenValue, bool isString) =>
        isString ? havenValue.TrimEnd(' ') : SpssReferences.Number(havenValue).ToString("R", CultureInfo.InvariantCulture);

    private static string Value(JsonElement value, bool isString) =>
        isString ? value.GetString()! : value.GetDouble().ToString("R", CultureInfo.InvariantCulture);

    private static string Bound(double x) => double.IsInfinity(x) ? "open" : x.ToString("R", CultureInfo.InvariantCulture);

    private static string JsonBound(JsonElement e) => e.ValueKind == JsonValueKind.Null ? "open" : e.GetDouble().ToString("R", CultureInfo.InvariantCulture);

    private static bool JsonEqual(JsonElement a, JsonElement b) =>
        a.ValueKind == b.ValueKind && (a.ValueKind != JsonValueKind.String || a.GetString() == b.GetString());
}
