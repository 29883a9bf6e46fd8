namespace NetHelpfulness.Data;

/// <summary>
/// Every column of a scenario catalogue, as text, by scenario: what a model joins to each rating of the stacked data.
/// Only the <c>id</c> column is required, so any catalogue of scenarios serves — the shipped
/// <c>data/scenarios.csv</c> (<c>relationship</c>, <c>tracking</c>, …) or one that is not a matched design.
/// </summary>
/// <remarks><see cref="ScenarioCatalogue"/> is the typed, validated view of the shipped catalogue's columns; this is the
/// untyped view of any catalogue's columns, read from the same kind of file.</remarks>
public sealed class ScenarioAttributes
{
    /// <summary>The column that identifies a scenario (the survey's <c>scenario</c> values).</summary>
    public const string IdColumn = "id";

    private readonly Dictionary<string, int> _rowOf;
    private readonly Dictionary<string, int> _columnOf;
    private readonly string[][] _values;
    private readonly long[] _lines;

    private ScenarioAttributes(string source, string[] columns, string[] ids, string[][] values, long[] lines)
    {
        Source = source;
        Columns = columns;
        Ids = ids;
        _values = values;
        _lines = lines;
        _rowOf = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        _columnOf = columns.Select((c, i) => (c, i)).ToDictionary(p => p.c, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>The file the attributes were read from (or a name given to <see cref="Create"/>), for messages.</summary>
    public string Source { get; }

    /// <summary>The catalogue's columns in file order, <c>id</c> included.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>The scenario identifiers in file order.</summary>
    public IReadOnlyList<string> Ids { get; }

    /// <summary>True when the catalogue has a column of this name.</summary>
    public bool HasColumn(string column) => _columnOf.ContainsKey(column);

    /// <summary>True when the catalogue lists this scenario.</summary>
    public bool Contains(string id) => _rowOf.ContainsKey(id);

    /// <summary>The value (trimmed text) of a column for a scenario.</summary>
    /// <exception cref="ArgumentException">No such scenario or column.</exception>
    public string Value(string id, string column) =>
        _values[Row(id)][_columnOf.TryGetValue(column, out var c) ? c : throw new ArgumentException($"{Source} has no column '{column}'", nameof(column))];

    /// <summary>The line of the file where a scenario is described (0 when not read from a file), for messages.</summary>
    /// <exception cref="ArgumentException">No such scenario.</exception>
    public long LineOf(string id) => _lines[Row(id)];

    /// <summary>Reads a catalogue: a CSV file with a header, an <c>id</c> column (each identifier once, not empty) and any other columns.</summary>
    /// <exception cref="SurveyDataException">The file cannot be read, has no <c>id</c> column, a row of the wrong width, or an empty or repeated identifier; every problem is listed.</exception>
    public static ScenarioAttributes Read(string path)
    {
        var table = DelimitedTable.Read(path, [IdColumn]);
        var issues = new List<DataIssue>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        var ids = new List<string>();
        var values = new List<string[]>();
        var lines = new List<long>();
        foreach (var (line, fields) in table.Rows)
        {
            var id = table.Field(fields, IdColumn);
            if (id.Length == 0)
            {
                issues.Add(new DataIssue(path, line, IdColumn, "", "a scenario identifier (not empty)"));
                continue;
            }

            if (!seen.TryAdd(id, line))
            {
                issues.Add(new DataIssue(path, line, IdColumn, id, $"each identifier once (also on line {seen[id]})"));
                continue;
            }

            ids.Add(id);
            values.Add([.. table.Header.Select(column => table.Field(fields, column))]);
            lines.Add(line);
        }

        return issues.Count > 0 ? throw new SurveyDataException(issues, false) : new ScenarioAttributes(path, table.Header, [.. ids], [.. values], [.. lines]);
    }

    /// <summary>Attributes from values in memory: one row per scenario, <paramref name="columns"/> including <c>id</c>.</summary>
    /// <exception cref="ArgumentException">No <c>id</c> column, a row of another width, or an empty or repeated identifier.</exception>
    public static ScenarioAttributes Create(string source, IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var idIndex = columns.ToList().IndexOf(IdColumn);
        if (idIndex < 0)
        {
            throw new ArgumentException($"the columns need '{IdColumn}'", nameof(columns));
        }

        var values = rows.Select(r => r.Count == columns.Count ? r.ToArray() : throw new ArgumentException("every row needs one value per column", nameof(rows))).ToArray();
        var ids = values.Select(v => v[idIndex]).ToArray();
        if (ids.Any(id => id.Length == 0) || ids.Distinct(StringComparer.Ordinal).Count() != ids.Length)
        {
            throw new ArgumentException("scenario identifiers must be non-empty and unique", nameof(rows));
        }

        return new ScenarioAttributes(source, [.. columns], ids, values, new long[ids.Length]);
    }

    private int Row(string id) =>
        _rowOf.TryGetValue(id, out var row) ? row : throw new ArgumentException($"{Source} has no scenario '{id}'", nameof(id));
}
