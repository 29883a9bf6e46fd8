using System.Globalization;
using System.Text;
using NetHelpfulness.Data.Spss;

namespace NetHelpfulness.Data;

/// <summary>One variable (column) of a described data file.</summary>
/// <param name="Name">The variable's name (a CSV header's name, trimmed).</param>
/// <param name="Label">The variable label; null when there is none (always for CSV).</param>
/// <param name="Type"><c>numeric</c>, <c>string</c>, <c>date</c>, <c>datetime</c> or <c>time</c>.</param>
/// <param name="Width">
/// SPSS: a string's width in bytes, else the print format's width (8 for F8.2, 11 for DATE11). CSV: the longest value
/// in characters (Unicode scalar values), after trimming.
/// </param>
/// <param name="Format">The SPSS print format (<c>F8.2</c>, <c>A400</c>); null for CSV.</param>
/// <param name="ValueLabels">The value labels, in file order.</param>
/// <param name="MissingValues">The user-missing values.</param>
public sealed record VariableDescription(string Name, string? Label, string Type, int Width, string? Format,
    IReadOnlyList<SpssValueLabel> ValueLabels, SpssMissingValues MissingValues);

/// <summary>What a data file holds: its cases and, per variable, name, label, type, width, value labels and missing values.</summary>
/// <param name="Source">The file's name as given.</param>
/// <param name="Kind">What the file is: <c>SPSS system file</c> (with compression, byte order and encoding) or <c>CSV</c>.</param>
/// <param name="Cases">The number of cases (data rows), counted by reading every one.</param>
/// <param name="Variables">The variables, in file order.</param>
/// <param name="WeightVariable">The weight variable an SPSS file names, or null.</param>
/// <param name="FileLabel">The SPSS file label, or null.</param>
public sealed record DataFileDescription(string Source, string Kind, long Cases, IReadOnlyList<VariableDescription> Variables,
    string? WeightVariable, string? FileLabel)
{
    /// <summary>
    /// Describes an SPSS system file (.sav, .zsav: recognised by its first bytes, <c>$FL2</c> or <c>$FL3</c>, or by its
    /// extension) from its dictionary, or a CSV file from its header and values (a column is numeric when every
    /// non-empty value is a number in the invariant culture).
    /// </summary>
    /// <remarks>Every case is read, so a truncated or corrupt file is reported here rather than trusted.</remarks>
    /// <exception cref="SurveyDataException">The file is missing, truncated or corrupt, or is not valid CSV.</exception>
    public static DataFileDescription Describe(string path)
    {
        return IsSystemFile(path) ? DescribeSpss(path) : DescribeCsv(path);
    }

    private static bool IsSystemFile(string path)
    {
        if (path.EndsWith(".sav", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".zsav", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        using var stream = TextInput.OpenRead(path);
        Span<byte> magic = stackalloc byte[4];
        return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && (magic.SequenceEqual("$FL2"u8) || magic.SequenceEqual("$FL3"u8));
    }

    private static DataFileDescription DescribeSpss(string path)
    {
        using var file = SpssFile.Open(path);
        long cases = 0;
        using (var cursor = file.ReadCases())
        {
            while (cursor.Read())
            {
                cases++;
            }
        }

        var kind = string.Create(CultureInfo.InvariantCulture, $"SPSS system file, {file.Compression switch
        {
            SpssCompression.None => "uncompressed",
            SpssCompression.Bytecode => "bytecode-compressed",
            _ => "ZLIB-compressed",
        }}, {(file.IsBigEndian ? "big" : "little")}-endian, {file.Encoding.WebName}");
        var variables = file.Variables.Select(v => new VariableDescription(v.Name, v.Label, TypeName(v.Type), v.Width, v.PrintFormat.ToString(),
            v.ValueLabels, v.MissingValues)).ToList();
        return new DataFileDescription(path, kind, cases, variables, file.WeightVariable?.Name, file.FileLabel.Length > 0 ? file.FileLabel : null);
    }

    /// <summary>The JSON and table name of a variable type.</summary>
    public static string TypeName(SpssVariableType type) => type switch
    {
        SpssVariableType.String => "string",
        SpssVariableType.Date => "date",
        SpssVariableType.DateTime => "datetime",
        SpssVariableType.Time => "time",
        _ => "numeric",
    };

    private static DataFileDescription DescribeCsv(string path)
    {
        using var stream = TextInput.OpenRead(path);
        using var text = TextInput.Reader(stream);
        var csv = new CsvRecordReader(text);
        long lastLine = 0;
        try
        {
            var header = new List<string>();
            if (!csv.TryRead(header, out var headerLine, out var headerError))
            {
                throw new SurveyDataException(new DataIssue(path, 0, "", "", "a header line naming the columns"));
            }

            if (headerError is { } he)
            {
                throw new SurveyDataException(new DataIssue(path, he.Line, "", "", he.Expected));
            }

            lastLine = headerLine;
            var names = header.Select(h => h.Trim()).ToArray();
            var numeric = Enumerable.Repeat(true, names.Length).ToArray();
            var widths = new int[names.Length];
            long cases = 0;
            while (csv.TryRead(out var line, out var error))
            {
                lastLine = line;
                if (error is { } e)
                {
                    throw new SurveyDataException(new DataIssue(path, e.Line, "", "", e.Expected));
                }

                if (csv.FieldCount != names.Length)
                {
                    throw new SurveyDataException(new DataIssue(path, line, "", string.Create(CultureInfo.InvariantCulture, $"{csv.FieldCount} fields"),
                        string.Create(CultureInfo.InvariantCulture, $"{names.Length} fields, as the header has")));
                }

                cases++;
                for (var i = 0; i < names.Length; i++)
                {
                    var value = csv.Field(i).Trim();
                    if (value.IsEmpty)
                    {
                        continue;
                    }

                    widths[i] = Math.Max(widths[i], RuneCount(value));
                    numeric[i] = numeric[i] && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);
                }
            }

            var variables = names.Select((name, i) => new VariableDescription(name, null, numeric[i] ? "numeric" : "string", widths[i], null, [],
                SpssMissingValues.None)).ToList();
            return new DataFileDescription(path, "CSV", cases, variables, null, null);
        }
        catch (DecoderFallbackException)
        {
            throw new SurveyDataException(TextInput.InvalidUtf8(path, lastLine));
        }
    }

    private static int RuneCount(ReadOnlySpan<char> value)
    {
        var count = 0;
        foreach (var _ in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }
}
