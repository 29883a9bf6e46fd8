using System.Globalization;
using System.Text;

namespace NetHelpfulness.Data;

/// <summary>A small CSV file read whole with its header, for catalogues and published tables.</summary>
/// <remarks>Errors name the file, the line and the column, like the survey loader's.</remarks>
internal sealed class DelimitedTable
{
    private readonly Dictionary<string, int> _columns;

    private DelimitedTable(string source, string[] header, List<(long Line, string[] Fields)> rows)
    {
        Source = source;
        Header = header;
        Rows = rows;
        _columns = header.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
    }

    public string Source { get; }

    public string[] Header { get; }

    public List<(long Line, string[] Fields)> Rows { get; }

    public static DelimitedTable Read(string path, IReadOnlyList<string> requiredColumns)
    {
        try
        {
            using var reader = new StreamReader(path, TextInput.StrictUtf8, detectEncodingFromByteOrderMarks: true);
            var csv = new CsvRecordReader(reader);
            var fields = new List<string>();
            if (!csv.TryRead(fields, out var headerLine, out var headerError) || headerError is not null)
            {
                throw new SurveyDataException(new DataIssue(path, headerLine, "", "", "a header row"));
            }

            var header = fields.Select(f => f.Trim()).ToArray();
            var issues = new List<DataIssue>();
            foreach (var required in requiredColumns.Where(c => !header.Contains(c)))
            {
                issues.Add(new DataIssue(path, headerLine, required, "", $"a column named '{required}'; the header has: {string.Join(", ", header)}"));
            }

            var rows = new List<(long, string[])>();
            while (csv.TryRead(fields, out var line, out var error))
            {
                if (error is { } e)
                {
                    issues.Add(new DataIssue(path, e.Line, "", "", e.Expected));
                }
                else if (fields.Count != header.Length)
                {
                    issues.Add(new DataIssue(path, line, "", string.Create(CultureInfo.InvariantCulture, $"{fields.Count} fields"),
                        string.Create(CultureInfo.InvariantCulture, $"{header.Length} fields, as in the header")));
                }
                else
                {
                    rows.Add((line, [.. fields]));
                }
            }

            return issues.Count > 0 ? throw new SurveyDataException(issues, false) : new DelimitedTable(path, header, rows);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SurveyDataException(new DataIssue(path, 0, "", "", "a readable file (" + e.Message + ")"));
        }
        catch (DecoderFallbackException)
        {
            throw new SurveyDataException(new DataIssue(path, 0, "", "", "UTF-8 text"));
        }
    }

    public string Field(string[] fields, string column) => fields[_columns[column]].Trim();

    public bool HasColumn(string column) => _columns.ContainsKey(column);
}
