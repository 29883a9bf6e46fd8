using System.Globalization;
using System.Text.Json;
using NetHelpfulness.Data.Spss;

namespace NetHelpfulness.Tests.Data.Spss;

/// <summary>
/// Every fixture (written by PSPP, by haven, or byte-swapped to big-endian; PSPP's own examples) read by
/// <see cref="SpssFile"/> and compared with what PSPP (DISPLAY DICTIONARY, SYSFILE INFO, LIST) and haven
/// (<c>read_sav</c>) made of the same file: dictionary and every value, numbers to the last bit.
/// </summary>
public class SpssReaderTests
{
    public static TheoryData<string> Fixtures => SpssReferences.FixtureData();

    [Fact]
    public void Every_kind_of_fixture_is_there()
    {
        // A test over the fixtures proves little if the folder is missing files: the list is the README's.
        var expected = new[]
        {
            "haven-survey-byte.sav", "haven-survey-none.sav", "haven-survey.zsav", "pspp-latin1.sav", "pspp-long-string-missing.sav",
            "pspp-survey-be.zsav", "pspp-survey-compressed-be.sav", "pspp-survey-compressed.sav", "pspp-survey-uncompressed-be.sav",
            "pspp-survey-uncompressed.sav", "pspp-survey.zsav", "pspp-two-zlib-blocks.zsav", "pspp-windows-1251.sav",
            "pspp-examples/horticulture.sav", "pspp-examples/hotel.sav", "pspp-examples/personnel.sav", "pspp-examples/physiology.sav",
            "pspp-examples/repairs.sav",
        };
        Assert.Equal(expected.Order(StringComparer.Ordinal), SpssReferences.Fixtures.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void File_properties_equal_PSPPs_SYSFILE_INFO(string fixture)
    {
        using var file = SpssFile.Open(SpssReferences.Path(fixture));
        var pspp = SpssReferences.Pspp(fixture);
        Assert.Equal(pspp.Info("Variables"), file.Variables.Count.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(pspp.Info("Cases"), file.CaseCount?.ToString(CultureInfo.InvariantCulture) ?? "Unknown");
        Assert.Equal(pspp.Info("Integer Format"), file.IsBigEndian ? "Big Endian" : "Little Endian");
        Assert.Equal(pspp.Info("Compression"), file.Compression switch
        {
            SpssCompression.None => "None",
            SpssCompression.Bytecode => "SAV",
            _ => "ZSAV",
        });
        Assert.Equal(pspp.Info("Weight"), file.WeightVariable?.Name ?? "Not weighted");
        Assert.Equal(pspp.Info("Encoding"), file.Encoding.WebName, StringComparer.OrdinalIgnoreCase);
        var label = pspp.Tables["File Information"].SingleOrDefault(r => r[0] == "Label")?[1] ?? "";
        Assert.Equal(label, file.FileLabel);
        var documents = pspp.Tables["File Information"].SingleOrDefault(r => r[0] == "Documents")?[1] ?? "";
        Assert.Equal(documents, string.Join("\n", file.Documents));
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Dictionary_equals_PSPPs_DISPLAY_DICTIONARY(string fixture)
    {
        using var file = SpssFile.Open(SpssReferences.Path(fixture));
        var pspp = SpssReferences.Pspp(fixture);
        var rows = pspp.Tables["Variables"];
        var header = rows[0];
        int Col(string name) => Array.IndexOf(header, name);
        Assert.Equal(file.Variables.Count, rows.Count - 1);
        foreach (var v in file.Variables)
        {
            var row = rows[v.Index + 1];
            var where = $"{fixture}, {v.Name}";
            Assert.True(row[Col("Name")] == v.Name, where);
            Assert.Equal((v.Index + 1).ToString(CultureInfo.InvariantCulture), row[Col("Position")]);
            // PSPP leaves out the column when no variable has a label, and shows a label's padding; ours, like haven's, is trimmed.
            var psppLabel = Col("Label") >= 0 ? row[Col("Label")].TrimEnd(' ') : "";
            Assert.True(psppLabel == (v.Label ?? ""), $"{where}: label '{v.Label}', PSPP '{psppLabel}'");
            Assert.True(row[Col("Print Format")] == v.PrintFormat.ToString(), $"{where}: print {v.PrintFormat}, PSPP {row[Col("Print Format")]}");
            Assert.True(row[Col("Write Format")] == v.WriteFormat.ToString(), $"{where}: write {v.WriteFormat}, PSPP {row[Col("Write Format")]}");
            if (v.Measure != SpssMeasure.Unknown)
            {
                Assert.True(row[Col("Measurement Level")] == v.Measure.ToString(), $"{where}: measure {v.Measure}, PSPP {row[Col("Measurement Level")]}");
                Assert.True(row[Col("Alignment")] == v.Alignment.ToString(), $"{where}: alignment {v.Alignment}, PSPP {row[Col("Alignment")]}");
            }

            if (v.DisplayWidth > 0)
            {
                Assert.True(row[Col("Width")] == v.DisplayWidth.ToString(CultureInfo.InvariantCulture), $"{where}: display width {v.DisplayWidth}, PSPP {row[Col("Width")]}");
            }

            var missing = Col("Missing Values") >= 0 ? row[Col("Missing Values")] : "";
            Assert.True(missing == PsppMissingText(v), $"{where}: missing '{PsppMissingText(v)}', PSPP '{missing}'");
        }

        // Value labels: PSPP lists them per variable (the name on the first row of each), sorted by value.
        var expected = new List<(string Variable, string Value, string Label)>();
        if (pspp.Tables.TryGetValue("Value Labels", out var labels))
        {
            var variable = "";
            foreach (var row in labels.Skip(1))
            {
                variable = row[0].Length > 0 ? row[0] : variable;
                expected.Add((variable, StripFootnote(row[1]), row[2]));
            }
        }

        var actual = new List<(string Variable, SpssValue Value, string Label)>();
        foreach (var v in file.Variables)
        {
            actual.AddRange(v.ValueLabels.OrderBy(l => l.Value.IsString ? 0 : l.Value.Number).ThenBy(l => l.Value.Text, StringComparer.Ordinal)
                .Select(l => (v.Name, l.Value, l.Label)));
        }

        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var (variable, value, label) = actual[i];
            var where = $"{fixture}, {variable}, label {i}";
            Assert.True(expected[i].Variable == variable, where);
            Assert.True(expected[i].Label == label, $"{where}: '{label}', PSPP '{expected[i].Label}'");
            if (value.IsString)
            {
                Assert.True(expected[i].Value == value.Text, $"{where}: value '{value.Text}', PSPP '{expected[i].Value}'");
            }
            else
            {
                // PSPP prints the value in the variable's print format (F13.6: ".100000"); haven's test checks the bits.
                var shown = double.Parse(expected[i].Value, NumberStyles.Float, CultureInfo.InvariantCulture);
                var decimals = file.Variable(variable)!.PrintFormat.Decimals;
                Assert.True(Math.Abs(shown - value.Number) <= Math.Max(0.5 * Math.Pow(10, -decimals), Math.Abs(value.Number) * 1e-6),
                    $"{where}: value {value.Number}, PSPP {expected[i].Value}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Dictionary_equals_havens(string fixture)
    {
        var haven = SpssReferences.Haven(fixture);
        if (haven.Error is { } error)
        {
            // Only the files the README names as unreadable by haven 2.5.1; PSPP's references cover them.
            Assert.Equal("pspp-long-string-missing.sav", fixture);
            Assert.Contains("unsupported features", error, StringComparison.Ordinal);
            return;
        }

        using var file = SpssFile.Open(SpssReferences.Path(fixture));
        var variables = haven.Variables;
        Assert.Equal(variables.Count, file.Variables.Count);
        foreach (var v in file.Variables)
        {
            var h = variables[v.Index];
            var where = $"{fixture}, {v.Name}";
            Assert.Equal(h.GetProperty("name").GetString(), v.Name);
            Assert.True(Nullable(h, "label") == v.Label, $"{where}: label '{v.Label}', haven '{Nullable(h, "label")}'");
            Assert.True(h.GetProperty("type").GetString() == TypeName(v.Type), $"{where}: type {v.Type}, haven {h.GetProperty("type").GetString()}");
            Assert.Equal(h.GetProperty("format_spss").GetString(), HavenFormat(v.PrintFormat));

            // haven keeps the padding of short string values in labels and missing values ("NA "), not in data: compare trimmed.
            var havenLabels = h.GetProperty("value_labels").EnumerateArray()
                .Select(l => (Value: l.GetProperty("value").GetString()!, Label: l.GetProperty("label").GetString()!))
                .Select(l => (Value: v.IsString ? SpssValue.FromText(l.Value.TrimEnd(' ')) : SpssValue.FromNumber(SpssReferences.Number(l.Value)), l.Label))
                .OrderBy(l => l.Value.ToString(), StringComparer.Ordinal).ToList();
            var ours = v.ValueLabels.Select(l => (l.Value, l.Label)).OrderBy(l => l.Value.ToString(), StringComparer.Ordinal).ToList();
            Assert.True(havenLabels.SequenceEqual(ours), $"{where}: value labels differ");

            var naValues = h.GetProperty("na_values").EnumerateArray().Select(e => e.GetString()!)
                .Select(s => v.IsString ? SpssValue.FromText(s.TrimEnd(' ')) : SpssValue.FromNumber(SpssReferences.Number(s))).ToList();
            Assert.True(naValues.SequenceEqual(v.MissingValues.Discrete), $"{where}: discrete missing values differ");
            var naRange = h.GetProperty("na_range");
            if (naRange.ValueKind == JsonValueKind.Null)
            {
                Assert.Null(v.MissingValues.Range);
            }
            else
            {
                var bounds = naRange.EnumerateArray().Select(b => SpssReferences.Number(b.GetString()!)).ToArray();
                Assert.Equal(new SpssMissingRange(bounds[0], bounds[1]), v.MissingValues.Range);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Every_value_equals_havens_read_sav_to_the_last_bit(string fixture)
    {
        var haven = SpssReferences.Haven(fixture);
        if (haven.Error is not null)
        {
            return; // Covered by Strings_and_numbers_equal_PSPPs_LIST.
        }

        using var file = SpssFile.Open(SpssReferences.Path(fixture));
        var sample = haven.CaseNumbers;
        var withNa = file.Variables.Select(v => haven.ValuesUserNa(v.Name)).ToArray();
        var plain = file.Variables.Select(v => haven.Values(v.Name)).ToArray();
        var sums = new double[file.Variables.Count];
        var next = 0;
        using var cases = file.ReadCases();
        while (cases.Read())
        {
            for (var i = 0; i < file.Variables.Count; i++)
            {
                if (!file.Variables[i].IsString && cases.TryGetNumber(i, out var x))
                {
                    sums[i] += HavenNumber(file.Variables[i].Type, x);
                }
            }

            if (next >= sample.Count || sample[next] != cases.CaseNumber)
            {
                continue;
            }

            foreach (var v in file.Variables)
            {
                var where = $"{fixture}, case {cases.CaseNumber}, {v.Name}";
                var expected = withNa[v.Index][next];
                var expectedPlain = plain[v.Index][next];
                if (v.IsString)
                {
                    Assert.True(expected == cases.Text(v.Index), $"{where}: '{cases.Text(v.Index)}', haven '{expected}'");
                    // haven's read_sav() keeps user-missing strings (it applies na_values to numbers only); by the
                    // dictionary haven reports, the value is user-missing when it is one of na_values.
                    var naValues = haven.Variables[v.Index].GetProperty("na_values").EnumerateArray().Select(e => e.GetString()!.TrimEnd(' '));
                    Assert.True(cases.IsMissing(v.Index) == naValues.Contains(expected), $"{where}: {cases.State(v.Index)}, haven's na_values");
                    continue;
                }

                Assert.True(cases.IsMissing(v.Index) == (expectedPlain is null), $"{where}: missing {cases.State(v.Index)}, haven read_sav() {expectedPlain ?? "NA"}");

                if (expected is null)
                {
                    Assert.True(cases.State(v.Index) == SpssValueState.SystemMissing, $"{where}: {cases.State(v.Index)}, haven NA");
                    continue;
                }

                var ours = HavenNumber(v.Type, cases.Number(v.Index));
                var theirs = SpssReferences.Number(expected);
                Assert.True(BitConverter.DoubleToInt64Bits(theirs) == BitConverter.DoubleToInt64Bits(ours), $"{where}: {ours:R}, haven {expected}");
                if (v.Type == SpssVariableType.Date)
                {
                    Assert.Equal(new DateTime(1970, 1, 1).AddDays(theirs), cases.Date(v.Index));
                }
            }

            next++;
        }

        Assert.Equal(haven.Cases, cases.CaseNumber);
        Assert.Equal(sample.Count, next);
        foreach (var v in file.Variables.Where(v => haven.Sum(v.Name) is not null))
        {
            Assert.Equal(SpssReferences.Number(haven.Sum(v.Name)!), sums[v.Index], 1e-9 * Math.Max(1, Math.Abs(sums[v.Index])));
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Strings_and_numbers_equal_PSPPs_LIST(string fixture)
    {
        using var file = SpssFile.Open(SpssReferences.Path(fixture));
        var list = SpssReferences.Pspp(fixture).Tables["Data List"];
        Assert.Equal(file.Variables.Select(v => v.Name), list[0]);
        using var cases = file.ReadCases();
        for (var row = 1; row < list.Count; row++)
        {
            Assert.True(cases.Read());
            foreach (var v in file.Variables)
            {
                var shown = list[row][v.Index];
                var where = $"{fixture}, case {row}, {v.Name}";
                if (v.IsString)
                {
                    // PSPP pads to the width; our strings are trimmed, as haven's are.
                    Assert.True(shown.TrimEnd(' ') == cases.Text(v.Index), $"{where}: '{cases.Text(v.Index)}', PSPP '{shown}'");
                }
                else if (v.Type == SpssVariableType.Numeric && v.PrintFormat.TypeName == "F")
                {
                    if (cases.State(v.Index) == SpssValueState.SystemMissing)
                    {
                        Assert.True(shown.Trim() == ".", $"{where}: system-missing, PSPP '{shown}'");
                    }
                    else
                    {
                        var number = double.Parse(shown, NumberStyles.Float, CultureInfo.InvariantCulture);
                        var value = cases.Number(v.Index);
                        Assert.True(Math.Abs(number - value) <= ShownPrecision(shown, v.PrintFormat.Decimals), $"{where}: {value:R}, PSPP '{shown}'");
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Data_frame_holds_havens_values_with_nulls_for_missing(string fixture)
    {
        var haven = SpssReferences.Haven(fixture);
        if (haven.Error is not null || haven.Cases > 1000)
        {
            return;
        }

        var data = SpssDataFrame.ReadFile(SpssReferences.Path(fixture));
        Assert.Equal(haven.Cases, data.Frame.Rows.Count);
        Assert.Equal(data.Variables.Select(v => v.Name), data.Frame.Columns.Select(c => c.Name));
        foreach (var v in data.Variables)
        {
            var column = data.Frame.Columns[v.Index];
            var expected = haven.Values(v.Name);
            for (var row = 0; row < expected.Count; row++)
            {
                var cell = column[row];
                var where = $"{fixture}, row {row}, {v.Name}";
                if (v.IsString && v.MissingValues.Contains(expected[row]!))
                {
                    Assert.True(cell is null, $"{where}: user-missing '{expected[row]}' (haven keeps user-missing strings), got '{cell}'");
                    continue;
                }

                if (expected[row] is null)
                {
                    Assert.True(cell is null, $"{where}: {cell}, haven NA");
                    continue;
                }

                switch (v.Type)
                {
                    case SpssVariableType.String:
                        Assert.Equal(expected[row], (string?)cell);
                        break;
                    case SpssVariableType.Date:
                        Assert.Equal(new DateTime(1970, 1, 1).AddDays(SpssReferences.Number(expected[row]!)), (DateTime?)cell);
                        break;
                    case SpssVariableType.DateTime:
                        // Whole seconds and the fraction apart: a double of 1e17 ticks would lose the last ticks.
                        var seconds = SpssReferences.Number(expected[row]!);
                        var whole = Math.Floor(seconds);
                        var ticks = ((long)whole * TimeSpan.TicksPerSecond) + (long)Math.Round((seconds - whole) * TimeSpan.TicksPerSecond);
                        Assert.True(Math.Abs(((DateTime)cell!).Ticks - new DateTime(1970, 1, 1).Ticks - ticks) <= 1, $"{where}: {cell:O}, haven {expected[row]}");
                        break;
                    default:
                        Assert.Equal(SpssReferences.Number(expected[row]!), (double)cell!);
                        break;
                }
            }
        }
    }

    [Fact]
    public void Big_endian_copies_read_as_their_little_endian_originals()
    {
        foreach (var (little, big) in new[]
        {
            ("pspp-survey-uncompressed.sav", "pspp-survey-uncompressed-be.sav"),
            ("pspp-survey-compressed.sav", "pspp-survey-compressed-be.sav"),
            ("pspp-survey.zsav", "pspp-survey-be.zsav"),
        })
        {
            using var a = SpssFile.Open(SpssReferences.Path(little));
            using var b = SpssFile.Open(SpssReferences.Path(big));
            Assert.False(a.IsBigEndian);
            Assert.True(b.IsBigEndian);
            Assert.Equal(a.Variables, b.Variables, new VariableComparer());
            using var ca = a.ReadCases();
            using var cb = b.ReadCases();
            while (ca.Read())
            {
                Assert.True(cb.Read());
                foreach (var v in a.Variables)
                {
                    Assert.Equal(ca.Display(v.Index), cb.Display(v.Index));
                }
            }

            Assert.False(cb.Read());
        }
    }

    [Fact]
    public void Survey_fixture_has_what_the_issue_asks_for()
    {
        // The features are in the file, so the comparisons above exercise them (a guard against a weaker fixture).
        using var file = SpssFile.Open(SpssReferences.Path("pspp-survey-compressed.sav"));
        var email = file.Variable("q_email")!;
        Assert.Equal("Personalised offers by e-mail", email.Label);
        Assert.Equal("Very creepy", email.LabelOf(SpssValue.FromNumber(1)));
        Assert.Equal("Very helpful", email.LabelOf(SpssValue.FromNumber(5)));
        Assert.Equal("Don't know", email.LabelOf(SpssValue.FromNumber(9)));
        Assert.Equal([SpssValue.FromNumber(9)], email.MissingValues.Discrete);
        Assert.Equal(new SpssMissingRange(7, 9), file.Variable("q_tracking")!.MissingValues.Range);
        Assert.Equal(new SpssMissingRange(double.NegativeInfinity, 0), file.Variable("q_voice")!.MissingValues.Range);
        Assert.Equal(new SpssMissingRange(999, double.PositiveInfinity), file.Variable("score_raw")!.MissingValues.Range);
        Assert.Equal(400, file.Variable("free_text")!.Width);
        Assert.Equal(SpssVariableType.Date, file.Variable("visit")!.Type);
        Assert.Equal(SpssVariableType.DateTime, file.Variable("stamp")!.Type);
        Assert.Equal(SpssVariableType.Time, file.Variable("duration")!.Type);
        Assert.Equal("weight", file.WeightVariable!.Name);
        Assert.Equal("utf-8", file.Encoding.WebName);

        using var cases = file.ReadCases();
        Assert.True(cases.Read());
        Assert.Equal(SpssValueState.UserMissing, cases.State(file.IndexOf("q_tracking")));   // 9 in 7 THRU 9
        Assert.False(cases.TryGetNumber(file.IndexOf("q_tracking"), out _));
        Assert.Equal(9, cases.Number(file.IndexOf("q_tracking")));
        Assert.Equal(new DateTime(2024, 10, 14), cases.Date(file.IndexOf("visit")));
        Assert.Equal(new DateTime(2024, 10, 14, 12, 34, 56, 250), cases.Date(file.IndexOf("stamp")));
        var text = cases.Text(file.IndexOf("free_text"));
        Assert.Equal('é', text[254]);   // the two bytes of é sit at bytes 254 and 255: across the segment boundary
        Assert.EndsWith("end", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Case_offsets_point_at_each_case()
    {
        using var file = SpssFile.Open(SpssReferences.Path("pspp-survey-uncompressed.sav"));
        var bytes = File.ReadAllBytes(SpssReferences.Path("pspp-survey-uncompressed.sav"));
        using var cases = file.ReadCases();
        var offsets = new List<long>();
        while (cases.Read())
        {
            offsets.Add(cases.CaseOffset);
            // The respondent id is the first 8 bytes of the case.
            Assert.Equal(cases.Text(0), System.Text.Encoding.ASCII.GetString(bytes, (int)cases.CaseOffset, 8).TrimEnd());
        }

        var caseSize = offsets[1] - offsets[0];
        Assert.All(offsets.Zip(offsets.Skip(1)), p => Assert.Equal(caseSize, p.Second - p.First));
        Assert.Equal(bytes.Length, offsets[^1] + caseSize);
    }

    [Fact]
    public void Legacy_code_pages_are_decoded()
    {
        using var cyrillic = SpssFile.Open(SpssReferences.Path("pspp-windows-1251.sav"));
        Assert.Equal("windows-1251", cyrillic.Encoding.WebName);
        Assert.Equal("Оценка: полезно или жутко?", cyrillic.Variable("оценка")!.Label);
        using var latin = SpssFile.Open(SpssReferences.Path("pspp-latin1.sav"));
        Assert.Equal("iso-8859-1", latin.Encoding.WebName);
        using var cases = latin.ReadCases();
        Assert.True(cases.Read());
        Assert.Equal("Besançon", cases.Text(0));
    }

    internal static string TypeName(SpssVariableType type) => type switch
    {
        SpssVariableType.String => "string",
        SpssVariableType.Date => "date",
        SpssVariableType.DateTime => "datetime",
        SpssVariableType.Time => "time",
        _ => "numeric",
    };

    /// <summary>haven's format.spss: decimals for F always (F1.0), for other types only when there are some (TIME8, DATETIME23.2).</summary>
    private static string HavenFormat(SpssFormat format) =>
        format.TypeName + format.Width.ToString(CultureInfo.InvariantCulture)
        + (format.Decimals > 0 || format.TypeName == "F" ? "." + format.Decimals.ToString(CultureInfo.InvariantCulture) : "");

    /// <summary>A stored number as haven gives it: dates in days since 1970, date-times in seconds since 1970, as haven computes them.</summary>
    private static double HavenNumber(SpssVariableType type, double value) => type switch
    {
        SpssVariableType.Date => (value / 86400) - 141428,
        SpssVariableType.DateTime => value - (141428.0 * 86400),
        _ => value,
    };

    /// <summary>The Missing Values column of PSPP's DISPLAY DICTIONARY: "8; 9", "7 THRU 9", "LOWEST THRU 0; 9", "\"NA \"".</summary>
    private static string PsppMissingText(SpssVariable v)
    {
        var parts = new List<string>();
        if (v.MissingValues.Range is { } range)
        {
            parts.Add($"{Bound(range.Low)} THRU {Bound(range.High)}");
        }

        foreach (var value in v.MissingValues.Discrete)
        {
            parts.Add(value.IsString ? "\"" + value.Text!.PadRight(Math.Min(8, v.Width)) + "\"" : Bound(value.Number));
        }

        return string.Join("; ", parts);

        static string Bound(double x) => double.IsNegativeInfinity(x) ? "LOWEST" : double.IsPositiveInfinity(x) ? "HIGHEST" : x.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Half a unit in the last place PSPP printed: F w.d shows d decimals, or "1.2E+011" when the number is too wide.</summary>
    private static double ShownPrecision(string shown, int decimals)
    {
        var e = shown.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return 0.5 * Math.Pow(10, -decimals) * (1 + 1e-9);
        }

        var point = shown.IndexOf('.', StringComparison.Ordinal);
        var mantissaDecimals = point < 0 || point > e ? 0 : e - point - 1;
        var exponent = int.Parse(shown.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return 0.5 * Math.Pow(10, exponent - mantissaDecimals) * (1 + 1e-9);
    }

    private static string StripFootnote(string value) =>
        value.EndsWith(']') && value.LastIndexOf('[') is var at and > 0 ? value[..at] : value;

    private static string? Nullable(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind != JsonValueKind.Null ? p.GetString() : null;

    private sealed class VariableComparer : IEqualityComparer<SpssVariable>
    {
        public bool Equals(SpssVariable? x, SpssVariable? y) =>
            x is not null && y is not null && x.Name == y.Name && x.Label == y.Label && x.Type == y.Type && x.Width == y.Width
            && x.ValueLabels.SequenceEqual(y.ValueLabels) && x.MissingValues.Discrete.SequenceEqual(y.MissingValues.Discrete)
            && x.MissingValues.Range == y.MissingValues.Range && x.PrintFormat == y.PrintFormat && x.Measure == y.Measure;

        public int GetHashCode(SpssVariable obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}

/// <summary>
/// Variants of the fixtures that the format allows but PSPP and haven do not write, made by changing documented
/// fields of their bytes: an unknown case count (-1), no encoding record, no code page either.
/// </summary>
public class SpssVariantTests
{
    [Theory]
    [InlineData("pspp-survey-uncompressed.sav")]
    [InlineData("pspp-survey-compressed.sav")]
    [InlineData("pspp-survey.zsav")]
    [InlineData("pspp-two-zlib-blocks.zsav")]
    public void An_unknown_case_count_reads_to_the_end_of_the_data(string fixture)
    {
        var bytes = File.ReadAllBytes(SpssReferences.Path(fixture));
        // ncases: the int32 at byte 80 of the header.
        Assert.True(System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(80)) > 0);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(80), -1);
        using var original = SpssFile.Open(SpssReferences.Path(fixture));
        using var unknown = SpssFile.Open(new MemoryStream(bytes), fixture);
        Assert.Null(unknown.CaseCount);
        using var a = original.ReadCases();
        using var b = unknown.ReadCases();
        while (a.Read())
        {
            Assert.True(b.Read());
            Assert.Equal(a.CaseOffset, b.CaseOffset);
            foreach (var v in original.Variables)
            {
                Assert.Equal(a.Display(v.Index), b.Display(v.Index));
            }
        }

        Assert.False(b.Read());
        Assert.Equal(original.CaseCount, b.CaseNumber);
    }

    [Fact]
    public void Without_an_encoding_record_the_code_page_of_record_7_3_decides_and_without_both_windows_1252()
    {
        var bytes = File.ReadAllBytes(SpssReferences.Path("pspp-windows-1251.sav"));
        // Turning a record's subtype into one the format does not define makes the reader skip it by its size.
        Renumber(bytes, 20, 99);
        using (var file = SpssFile.Open(new MemoryStream(bytes), "no-7-20.sav"))
        {
            Assert.Equal("windows-1251", file.Encoding.WebName);
            Assert.Equal("Оценка: полезно или жутко?", file.Variable("оценка")!.Label);
        }

        Renumber(bytes, 3, 98);
        using (var file = SpssFile.Open(new MemoryStream(bytes), "no-7-20-no-7-3.sav"))
        {
            Assert.Equal("windows-1252", file.Encoding.WebName);
            // The same bytes, read as windows-1252: what an old reader without the records would show.
            Assert.Equal(System.Text.Encoding.GetEncoding(1252).GetString(System.Text.Encoding.GetEncoding(1251).GetBytes("Оценка: полезно или жутко?")),
                file.Variables[1].Label);
        }
    }

    /// <summary>Changes the subtype of the extension record 7/<paramref name="subtype"/> (found by its header bytes).</summary>
    private static void Renumber(byte[] bytes, int subtype, int to)
    {
        var header = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header, 7);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(4), subtype);
        var at = bytes.AsSpan().IndexOf(header);
        Assert.True(at > 176);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(at + 4), to);
    }
}

/// <summary>Reading is streaming: memory does not grow with the file.</summary>
public class SpssMemoryTests
{
    [Fact]
    public void Reading_4_MB_of_ZLIB_data_allocates_a_small_fixed_amount()
    {
        // 60,000 cases, 4.4 MB of bytecode data in two ZLIB blocks; numbers only, so the cursor allocates no strings.
        using var file = SpssFile.Open(SpssReferences.Path("pspp-two-zlib-blocks.zsav"));
        var before = GC.GetAllocatedBytesForCurrentThread();
        double sum = 0;
        using (var cases = file.ReadCases())
        {
            while (cases.Read())
            {
                if (cases.TryGetNumber(8, out var x))
                {
                    sum += x;
                }
            }
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(SpssReferences.Number(SpssReferences.Haven("pspp-two-zlib-blocks.zsav").Sum("rating")!), sum);
        Assert.True(allocated < 512 * 1024, $"{allocated} bytes allocated to read 60,000 cases");
    }
}
