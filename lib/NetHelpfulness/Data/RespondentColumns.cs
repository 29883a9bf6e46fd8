using System.Globalization;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Data;

/// <summary>
/// The respondent-level columns of a loaded file — text codes, numbers validated as they were read, the file line of
/// each respondent — and the one way designs are built from them (<see cref="Design(DesignSpec)"/>). Shared by the
/// survey and the binary-outcome data.
/// </summary>
internal sealed class RespondentColumns
{
    private const int MaxIssues = 50;
    private readonly List<CodedColumn> _columns = [];
    private readonly Dictionary<string, double[]> _numbers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DataIssue> _inconsistent = new(StringComparer.Ordinal);
    private readonly int[]? _lines;
    private readonly IssueLocator _locate;

    /// <exception cref="ArgumentException">A column does not have one value per respondent.</exception>
    public RespondentColumns(string source, int respondentCount, IEnumerable<CodedColumn> columns, IReadOnlyDictionary<string, double[]>? numbers, int[]? lines, IEnumerable<DataIssue>? inconsistent, IssueLocator? locate = null)
    {
        _locate = locate ?? ((location, column, found, expected) => new DataIssue(source, location, column, found, expected));
        Source = source;
        RespondentCount = respondentCount;
        foreach (var column in columns)
        {
            if (column.Codes.Length != respondentCount)
            {
                throw new ArgumentException($"column '{column.Name}' needs one value per respondent", nameof(columns));
            }

            if (!_columns.Any(c => c.Name == column.Name))
            {
                _columns.Add(column);
            }
        }

        foreach (var (name, values) in numbers ?? new Dictionary<string, double[]>())
        {
            _numbers[name] = values.Length == respondentCount ? values : throw new ArgumentException($"column '{name}' needs one value per respondent", nameof(numbers));
        }

        foreach (var issue in inconsistent ?? [])
        {
            _inconsistent.TryAdd(issue.Column, issue);
        }

        _lines = lines;
    }

    public string Source { get; }

    public int RespondentCount { get; }

    public IReadOnlyList<string> Names => [.. _columns.Select(c => c.Name).Concat(_numbers.Keys.Where(k => !_columns.Any(c => c.Name == k)))];

    public bool Has(string name) => _columns.Any(c => c.Name == name) || _numbers.ContainsKey(name);

    public long LineOf(int respondent) => _lines is null ? 0 : _lines[respondent];

    /// <exception cref="ArgumentException">No such column.</exception>
    /// <exception cref="SurveyDataException">The column's value differs between rows of one respondent.</exception>
    public CodedColumn Column(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_inconsistent.TryGetValue(name, out var issue))
        {
            throw new SurveyDataException(issue);
        }

        if (_columns.FirstOrDefault(c => c.Name == name) is { } column)
        {
            return column;
        }

        if (_numbers.TryGetValue(name, out var numbers))
        {
            return CodedColumn.FromValues(name, [.. numbers.Select(x => x.ToString("R", CultureInfo.InvariantCulture))]);
        }

        throw new ArgumentException($"no column '{name}' in {Source}; its respondent-level columns are {(Names.Count == 0 ? "(none)" : string.Join(", ", Names))}", nameof(name));
    }

    /// <summary>A column as numbers: those validated as the file was read, else its text parsed (each problem with its line).</summary>
    /// <exception cref="SurveyDataException">A value is not a finite number (or not &gt; 0 when <paramref name="positive"/>).</exception>
    public double[] Numbers(string name, bool positive)
    {
        if (_numbers.TryGetValue(name, out var known))
        {
            return known;
        }

        var column = Column(name);
        var parsed = new double[column.Levels.Count];
        var bad = new bool[parsed.Length];
        for (var k = 0; k < parsed.Length; k++)
        {
            bad[k] = !double.TryParse(column.Levels[k], NumberStyles.Float, CultureInfo.InvariantCulture, out parsed[k])
                || !double.IsFinite(parsed[k]) || (positive && parsed[k] <= 0);
        }

        var values = new double[RespondentCount];
        var issues = new List<DataIssue>();
        var expected = positive ? "a finite number > 0 (invariant culture, '.' as decimal point)" : "a finite number (invariant culture, '.' as decimal point)";
        for (var i = 0; i < values.Length; i++)
        {
            var code = column.Codes[i];
            if (!bad[code])
            {
                values[i] = parsed[code];
            }
            else if (issues.Count < MaxIssues)
            {
                issues.Add(_locate(LineOf(i), name, column.Levels[code], expected));
            }
        }

        return issues.Count == 0 ? values : throw new SurveyDataException(issues, issues.Count >= MaxIssues);
    }

    /// <summary>Builds a design from the columns a spec names.</summary>
    /// <exception cref="ArgumentException">A column of the spec was not loaded.</exception>
    /// <exception cref="SurveyDataException">A weight is not a finite number &gt; 0, or a stratum or cluster value is empty (with the respondent's line).</exception>
    /// <exception cref="SurveyDesignException">A stratum has a single PSU under <see cref="LonelyPsu.Fail"/>.</exception>
    public SurveyDesign Design(DesignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var weights = spec.Weight is { } w ? Numbers(w, positive: true).ToArray() : null;
        var strata = spec.Strata is { } s ? NotEmpty(s) : null;
        var clusters = spec.Cluster is { } c ? NotEmpty(c).Codes.ToArray() : null;
        return SurveyDesign.Create(RespondentCount, weights, strata?.Codes.ToArray(), clusters, spec.LonelyPsu, strata?.Levels);
    }

    private CodedColumn NotEmpty(string name)
    {
        var column = Column(name);
        var issues = new List<DataIssue>();
        for (var i = 0; i < column.Codes.Length && issues.Count < MaxIssues; i++)
        {
            if (column.Levels[column.Codes[i]].Length == 0)
            {
                issues.Add(_locate(LineOf(i), name, "", $"a value (not empty): '{name}' is a column of the design"));
            }
        }

        return issues.Count == 0 ? column : throw new SurveyDataException(issues, issues.Count >= MaxIssues);
    }
}
