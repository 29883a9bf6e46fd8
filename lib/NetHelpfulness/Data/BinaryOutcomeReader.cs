using System.Globalization;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Data;

/// <summary>Options for <see cref="BinaryOutcomeReader"/>.</summary>
public sealed record BinaryOutcomeReadOptions
{
    /// <summary>
    /// The 0/1 columns to read. Empty (the default) reads every column except <c>respondent_id</c>, <c>country</c>,
    /// <c>weight</c> and the named weight, strata and cluster columns, and then each of them must hold 0/1 values.
    /// </summary>
    public IReadOnlyList<string> Columns { get; init; } = [];

    /// <summary>The design-weight column, or null to read the data unweighted (the default).</summary>
    public string? WeightColumn { get; init; }

    /// <summary>The strata column, or null for none.</summary>
    public string? StrataColumn { get; init; }

    /// <summary>The cluster (PSU) column, or null when each respondent is its own PSU.</summary>
    public string? ClusterColumn { get; init; }

    /// <summary>Reading stops after this many violations.</summary>
    public int MaxIssues { get; init; } = 50;
}

/// <summary>
/// A loaded file of binary (0/1) respondent attributes and outcomes, such as the trust study: one row per respondent,
/// with its other columns (country, weights, strata, clusters, ...) from which designs are built.
/// </summary>
public sealed class BinaryOutcomes
{
    private readonly string[] _respondentIds;
    private readonly string[] _columnNames;
    private readonly byte[][] _columns;
    private readonly RespondentColumns _respondentColumns;

    /// <summary>Creates the data from their parts, checking their shapes.</summary>
    /// <exception cref="ArgumentException">The parts disagree in size, a name repeats or a value is not 0 or 1.</exception>
    public BinaryOutcomes(
        string source,
        string[] respondentIds,
        string[] columnNames,
        byte[][] columns,
        CodedColumn? country = null,
        double[]? weights = null,
        CodedColumn? strata = null,
        CodedColumn? clusters = null)
        : this(source, respondentIds, columnNames, columns,
            new[] { country, strata, clusters }.OfType<CodedColumn>(),
            weights is null ? null : new Dictionary<string, double[]>(StringComparer.Ordinal) { [BinaryOutcomeReader.WeightColumnName] = weights },
            new DesignSpec { Weight = weights is null ? null : BinaryOutcomeReader.WeightColumnName, Strata = strata?.Name, Cluster = clusters?.Name },
            lines: null)
    {
    }

    internal BinaryOutcomes(
        string source,
        string[] respondentIds,
        string[] columnNames,
        byte[][] columns,
        IEnumerable<CodedColumn> respondentColumns,
        IReadOnlyDictionary<string, double[]>? numbers,
        DesignSpec defaultDesign,
        int[]? lines)
    {
        ArgumentNullException.ThrowIfNull(respondentIds);
        ArgumentNullException.ThrowIfNull(columnNames);
        ArgumentNullException.ThrowIfNull(columns);
        var n = respondentIds.Length;
        if (columnNames.Length != columns.Length || columnNames.Distinct(StringComparer.Ordinal).Count() != columnNames.Length)
        {
            throw new ArgumentException("one distinct name per column is required", nameof(columnNames));
        }

        foreach (var column in columns)
        {
            if (column.Length != n || column.Any(v => v > 1))
            {
                throw new ArgumentException("each column needs one 0/1 value per respondent", nameof(columns));
            }
        }

        Source = source;
        _respondentIds = respondentIds;
        _columnNames = columnNames;
        _columns = columns;
        _respondentColumns = new RespondentColumns(source, n, respondentColumns, numbers, lines, null);
        DefaultDesign = defaultDesign;
    }

    /// <summary>Where the data came from (a file name), for messages and reports.</summary>
    public string Source { get; }

    /// <summary>Respondent identifiers, in file order.</summary>
    public IReadOnlyList<string> RespondentIds => _respondentIds;

    /// <summary>Number of respondents.</summary>
    public int RespondentCount => _respondentIds.Length;

    /// <summary>The names of the 0/1 columns read.</summary>
    public IReadOnlyList<string> ColumnNames => _columnNames;

    /// <summary>The design the file was read with (the named weight, strata and cluster columns).</summary>
    public DesignSpec DefaultDesign { get; }

    /// <summary>Each respondent's country, when the file has a <c>country</c> column.</summary>
    public CodedColumn? Country => _respondentColumns.Has(SurveyReader.CountryColumn) ? _respondentColumns.Column(SurveyReader.CountryColumn) : null;

    /// <summary>The default design's weights, one per respondent, or empty when it is unweighted.</summary>
    public ReadOnlySpan<double> Weights => DefaultDesign.Weight is { } w ? _respondentColumns.Numbers(w, positive: true) : default;

    /// <summary>True when the default design is weighted.</summary>
    public bool IsWeighted => DefaultDesign.IsWeighted;

    /// <summary>The default design's strata, when a strata column was named.</summary>
    public CodedColumn? Strata => DefaultDesign.Strata is { } s ? _respondentColumns.Column(s) : null;

    /// <summary>The default design's clusters (PSUs), when a cluster column was named.</summary>
    public CodedColumn? Clusters => DefaultDesign.Cluster is { } c ? _respondentColumns.Column(c) : null;

    /// <summary>True when the default design has weights, strata or clusters, so design-based estimators apply.</summary>
    public bool HasDesign => DefaultDesign.HasDesign;

    /// <summary>True when a respondent-level (not 0/1) column of this name was loaded.</summary>
    public bool HasRespondentColumn(string name) => _respondentColumns.Has(name);

    /// <summary>The 0/1 values of a column, one per respondent.</summary>
    /// <exception cref="ArgumentException">No such column was read.</exception>
    public ReadOnlySpan<byte> Column(string name)
    {
        var index = Array.IndexOf(_columnNames, name);
        return index >= 0
            ? _columns[index]
            : throw new ArgumentException($"no 0/1 column '{name}' was read from {Source}; read: {string.Join(", ", _columnNames)}", nameof(name));
    }

    /// <summary>The default design (the columns the file was read with) under a lonely-PSU rule.</summary>
    /// <exception cref="SurveyDesignException">A stratum has a single PSU and <paramref name="lonelyPsu"/> is <see cref="LonelyPsu.Fail"/>.</exception>
    public SurveyDesign Design(LonelyPsu lonelyPsu = LonelyPsu.Fail) => Design(DefaultDesign with { LonelyPsu = lonelyPsu });

    /// <summary>Builds a design from the file's respondent-level columns.</summary>
    /// <exception cref="ArgumentException">A column of the spec was not loaded.</exception>
    /// <exception cref="SurveyDataException">A weight is not a finite number &gt; 0, or a stratum or cluster value is empty.</exception>
    /// <exception cref="SurveyDesignException">A stratum has a single PSU under <see cref="LonelyPsu.Fail"/>.</exception>
    public SurveyDesign Design(DesignSpec spec) => _respondentColumns.Design(spec);
}

/// <summary>
/// Reads and validates files of binary outcomes (RFC 4180 CSV, UTF-8 with or without BOM, LF or CRLF, header row):
/// <c>respondent_id</c>, an optional <c>country</c>, optional design columns, and 0/1 columns. Every violation is
/// reported with file, line, column, the value found and what was expected, up to <see cref="BinaryOutcomeReadOptions.MaxIssues"/>.
/// </summary>
/// <remarks>
/// Rules: one row per respondent; a 0/1 column holds exactly <c>0</c> or <c>1</c> (an empty value is an error: missing
/// outcomes are not imputed); a weight is a finite number &gt; 0; strata and cluster values are not empty.
/// </remarks>
public static class BinaryOutcomeReader
{
    /// <summary>The contract's name of the design-weight column.</summary>
    public const string WeightColumnName = "weight";

    /// <summary>Reads a file.</summary>
    /// <exception cref="SurveyDataException">The file is missing, unreadable or breaks the rules.</exception>
    public static BinaryOutcomes ReadFile(string path, BinaryOutcomeReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TextInput.ReadFile(path, text => Read(text, path, options));
    }

    /// <summary>Reads from a stream; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="SurveyDataException">The data break the rules.</exception>
    public static BinaryOutcomes Read(Stream stream, string source, BinaryOutcomeReadOptions? options = null) =>
        TextInput.Read(stream, text => Read(text, source, options));

    /// <summary>Reads from text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="SurveyDataException">The data break the rules.</exception>
    public static BinaryOutcomes Read(TextReader text, string source, BinaryOutcomeReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Loader(source, options ?? new BinaryOutcomeReadOptions()).Load(text);
    }

    private sealed class Loader(string source, BinaryOutcomeReadOptions options) : CsvTableLoader<BinaryOutcomes>(source, options.MaxIssues, emptyFileLine: 0)
    {
        private readonly Dictionary<string, long> _respondentLine = new(StringComparer.Ordinal);
        private readonly List<string> _ids = [];
        private readonly List<int> _lines = [];
        private readonly List<double> _weights = [];
        private List<byte>[] _values = [];
        private List<string>[] _kept = [];
        private int _idColumn = -1, _weightColumn = -1, _strataColumn = -1, _clusterColumn = -1;
        private int[] _binaryColumns = [];
        private int[] _keptColumns = [];

        protected override void ResolveColumns(long headerLine)
        {
            _idColumn = Require(headerLine, SurveyReader.RespondentColumn, "required");
            var country = ColumnIndex.TryGetValue(SurveyReader.CountryColumn, out var c) ? c : -1;
            _weightColumn = options.WeightColumn is { } wc ? Require(headerLine, wc, "named as the weight column") : -1;
            _strataColumn = options.StrataColumn is { } sc ? Require(headerLine, sc, "named as the strata column") : -1;
            _clusterColumn = options.ClusterColumn is { } cc ? Require(headerLine, cc, "named as the cluster column") : -1;
            var reserved = new HashSet<int> { _idColumn, country, _weightColumn, _strataColumn, _clusterColumn };
            var contractWeight = ColumnIndex.TryGetValue(WeightColumnName, out var weightIndex) ? weightIndex : -1;
            var binary = new List<int>();
            if (options.Columns.Count > 0)
            {
                foreach (var name in options.Columns.Distinct(StringComparer.Ordinal))
                {
                    var index = Require(headerLine, name, "named as a 0/1 column");
                    if (index >= 0 && reserved.Contains(index))
                    {
                        Report(headerLine, name, "", "a 0/1 column that is not also the respondent, country, weight, strata or cluster column");
                    }
                    else if (index >= 0)
                    {
                        binary.Add(index);
                    }
                }
            }
            else
            {
                // The contract's weight column is never an outcome, whether or not the data are read weighted.
                binary.AddRange(Enumerable.Range(0, Header.Length).Where(i => !reserved.Contains(i) && i != contractWeight && Header[i].Length > 0));
                if (binary.Count == 0)
                {
                    Report(headerLine, "", "", "at least one 0/1 column besides respondent_id, country, weight and the design columns");
                }
            }

            _binaryColumns = [.. binary];
            _values = [.. binary.Select(_ => new List<byte>())];

            // Every other column is kept as text, so that any design can be built from the file later.
            _keptColumns = [.. Enumerable.Range(0, Header.Length).Where(i => i != _idColumn && i != _weightColumn && !binary.Contains(i) && Header[i].Length > 0)];
            _kept = [.. _keptColumns.Select(_ => new List<string>())];
        }

        protected override void ReadRecord(IRecordSource csv, long line)
        {
            var ok = true;
            var id = csv.Field(_idColumn).Trim().ToString();
            if (id.Length == 0)
            {
                Report(line, SurveyReader.RespondentColumn, "", "a respondent identifier (not empty)");
                ok = false;
            }
            else if (_respondentLine.TryGetValue(id, out var firstLine))
            {
                Report(line, SurveyReader.RespondentColumn, id, string.Create(CultureInfo.InvariantCulture,
                    $"one row per respondent (respondent '{id}' is also on line {firstLine})"));
                ok = false;
            }
            else
            {
                // Registered even when the row has other problems, so a repeat of it is reported too.
                _respondentLine.Add(id, line);
            }

            var weight = double.NaN;
            if (_weightColumn >= 0)
            {
                var text = csv.Field(_weightColumn).Trim();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight) || weight <= 0)
                {
                    Report(line, Header[_weightColumn], text.ToString(), "a finite number > 0 (invariant culture, '.' as decimal point)");
                    ok = false;
                }
            }

            foreach (var column in (ReadOnlySpan<int>)[_strataColumn, _clusterColumn])
            {
                if (column >= 0 && csv.Field(column).Trim().IsEmpty)
                {
                    Report(line, Header[column], "", "a value (not empty)");
                    ok = false;
                }
            }

            var values = new byte[_binaryColumns.Length];
            for (var k = 0; k < values.Length; k++)
            {
                var text = csv.Field(_binaryColumns[k]).Trim();
                if (text is "0" or "1")
                {
                    values[k] = (byte)(text[0] - '0');
                }
                else
                {
                    Report(line, Header[_binaryColumns[k]], text.ToString(), text.IsEmpty ? "0 or 1 (an empty value is not allowed: missing outcomes are not imputed)" : "0 or 1");
                    ok = false;
                }
            }

            if (!ok)
            {
                return;
            }

            _ids.Add(id);
            _lines.Add((int)Math.Min(line, int.MaxValue));
            if (_weightColumn >= 0)
            {
                _weights.Add(weight);
            }

            for (var k = 0; k < _keptColumns.Length; k++)
            {
                _kept[k].Add(csv.Field(_keptColumns[k]).Trim().ToString());
            }

            for (var k = 0; k < values.Length; k++)
            {
                _values[k].Add(values[k]);
            }
        }

        protected override BinaryOutcomes Build() => new(
            Source,
            [.. _ids],
            [.. _binaryColumns.Select(c => Header[c])],
            [.. _values.Select(v => v.ToArray())],
            _keptColumns.Select((c, k) => CodedColumn.FromValues(Header[c], _kept[k])),
            _weightColumn >= 0 ? new Dictionary<string, double[]>(StringComparer.Ordinal) { [Header[_weightColumn]] = [.. _weights] } : null,
            new DesignSpec
            {
                Weight = _weightColumn >= 0 ? Header[_weightColumn] : null,
                Strata = _strataColumn >= 0 ? Header[_strataColumn] : null,
                Cluster = _clusterColumn >= 0 ? Header[_clusterColumn] : null,
            },
            [.. _lines]);
    }
}
