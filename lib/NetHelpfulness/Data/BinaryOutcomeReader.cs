using System.Globalization;
using System.Text;
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
/// with its design variables.
/// </summary>
public sealed class BinaryOutcomes
{
    private readonly string[] _respondentIds;
    private readonly string[] _columnNames;
    private readonly byte[][] _columns;
    private readonly double[]? _weights;

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

        if ((weights is not null && weights.Length != n) || (country is not null && country.Codes.Length != n)
            || (strata is not null && strata.Codes.Length != n) || (clusters is not null && clusters.Codes.Length != n))
        {
            throw new ArgumentException("design columns need one value per respondent");
        }

        Source = source;
        _respondentIds = respondentIds;
        _columnNames = columnNames;
        _columns = columns;
        Country = country;
        _weights = weights;
        Strata = strata;
        Clusters = clusters;
    }

    /// <summary>Where the data came from (a file name), for messages and reports.</summary>
    public string Source { get; }

    /// <summary>Respondent identifiers, in file order.</summary>
    public IReadOnlyList<string> RespondentIds => _respondentIds;

    /// <summary>Number of respondents.</summary>
    public int RespondentCount => _respondentIds.Length;

    /// <summary>The names of the 0/1 columns read.</summary>
    public IReadOnlyList<string> ColumnNames => _columnNames;

    /// <summary>Each respondent's country, when the file has a <c>country</c> column.</summary>
    public CodedColumn? Country { get; }

    /// <summary>Design weights, one per respondent, or empty when the data are unweighted.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>True when design weights were loaded.</summary>
    public bool IsWeighted => _weights is not null;

    /// <summary>Strata, when a strata column was named.</summary>
    public CodedColumn? Strata { get; }

    /// <summary>Clusters (PSUs), when a cluster column was named.</summary>
    public CodedColumn? Clusters { get; }

    /// <summary>True when the data carry weights, strata or clusters, so design-based estimators apply.</summary>
    public bool HasDesign => IsWeighted || Strata is not null || Clusters is not null;

    /// <summary>The 0/1 values of a column, one per respondent.</summary>
    /// <exception cref="ArgumentException">No such column was read.</exception>
    public ReadOnlySpan<byte> Column(string name)
    {
        var index = Array.IndexOf(_columnNames, name);
        return index >= 0
            ? _columns[index]
            : throw new ArgumentException($"no 0/1 column '{name}' was read from {Source}; read: {string.Join(", ", _columnNames)}", nameof(name));
    }

    /// <summary>The sampling design these data were loaded with.</summary>
    /// <exception cref="SurveyDesignException">A stratum has a single PSU and <paramref name="lonelyPsu"/> is <see cref="LonelyPsu.Fail"/>.</exception>
    public SurveyDesign Design(LonelyPsu lonelyPsu = LonelyPsu.Fail) =>
        SurveyDesign.Create(
            RespondentCount,
            _weights,
            Strata is null ? null : Strata.Codes.ToArray(),
            Clusters is null ? null : Clusters.Codes.ToArray(),
            lonelyPsu,
            Strata?.Levels);
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
        using var stream = TextInput.OpenRead(path);
        return Read(stream, path, options);
    }

    /// <summary>Reads from a stream; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="SurveyDataException">The data break the rules.</exception>
    public static BinaryOutcomes Read(Stream stream, string source, BinaryOutcomeReadOptions? options = null)
    {
        using var text = TextInput.Reader(stream);
        return Read(text, source, options);
    }

    /// <summary>Reads from text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="SurveyDataException">The data break the rules.</exception>
    public static BinaryOutcomes Read(TextReader text, string source, BinaryOutcomeReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var loader = new Loader(source, options ?? new BinaryOutcomeReadOptions());
        try
        {
            return loader.Load(new CsvRecordReader(text));
        }
        catch (DecoderFallbackException)
        {
            loader.Issues.Add(TextInput.InvalidUtf8(source, loader.LastLine));
            throw new SurveyDataException(loader.Issues, false);
        }
    }

    private sealed class TooManyIssues : Exception;

    private sealed class Loader(string source, BinaryOutcomeReadOptions options)
    {
        private readonly Dictionary<string, long> _respondentLine = new(StringComparer.Ordinal);
        private readonly List<string> _ids = [];
        private readonly List<string> _countries = [];
        private readonly List<string> _strata = [];
        private readonly List<string> _clusters = [];
        private readonly List<double> _weights = [];
        private List<byte>[] _values = [];
        private string[] _header = [];
        private int _idColumn = -1, _countryColumn = -1, _weightColumn = -1, _strataColumn = -1, _clusterColumn = -1;
        private int[] _binaryColumns = [];

        public List<DataIssue> Issues { get; } = [];

        public long LastLine { get; private set; }

        public BinaryOutcomes Load(CsvRecordReader csv)
        {
            try
            {
                return LoadAll(csv);
            }
            catch (TooManyIssues)
            {
                throw new SurveyDataException(Issues, true);
            }
        }

        private BinaryOutcomes LoadAll(CsvRecordReader csv)
        {
            var fields = new List<string>();
            if (!csv.TryRead(fields, out var headerLine, out var headerError))
            {
                throw new SurveyDataException(new DataIssue(source, 0, "", "", "a header row (the file is empty)"));
            }

            LastLine = headerLine;
            if (headerError is { } he)
            {
                throw new SurveyDataException(new DataIssue(source, he.Line, ColumnLabel(he.FieldNumber), "", he.Expected));
            }

            _header = [.. fields.Select(f => f.Trim())];
            ResolveColumns(headerLine);
            while (csv.TryRead(fields, out var line, out var error))
            {
                LastLine = line;
                if (error is { } e)
                {
                    Report(e.Line, ColumnLabel(e.FieldNumber), "", e.Expected);
                    continue;
                }

                if (fields.Count != _header.Length)
                {
                    Report(line, "", string.Create(CultureInfo.InvariantCulture, $"{fields.Count} fields"),
                        string.Create(CultureInfo.InvariantCulture, $"{_header.Length} fields, as in the header"));
                    continue;
                }

                ReadRecord(fields, line);
            }

            if (_ids.Count == 0 && Issues.Count == 0)
            {
                Report(headerLine, "", "", "at least one data row after the header");
            }

            if (Issues.Count > 0)
            {
                throw new SurveyDataException(Issues, false);
            }

            return new BinaryOutcomes(
                source,
                [.. _ids],
                [.. _binaryColumns.Select(c => _header[c])],
                [.. _values.Select(v => v.ToArray())],
                _countryColumn >= 0 ? CodedColumn.FromValues(SurveyReader.CountryColumn, _countries) : null,
                _weightColumn >= 0 ? [.. _weights] : null,
                _strataColumn >= 0 ? CodedColumn.FromValues(_header[_strataColumn], _strata) : null,
                _clusterColumn >= 0 ? CodedColumn.FromValues(_header[_clusterColumn], _clusters) : null);
        }

        private void ResolveColumns(long headerLine)
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _header.Length; i++)
            {
                if (_header[i].Length == 0)
                {
                    Report(headerLine, ColumnLabel(i + 1), "", "a column name (header fields may not be empty)");
                }
                else if (!seen.TryAdd(_header[i], i))
                {
                    Report(headerLine, _header[i], _header[i], "each column name once in the header");
                }
            }

            int Require(string name, string why)
            {
                if (seen.TryGetValue(name, out var index))
                {
                    return index;
                }

                Report(headerLine, name, "", string.Create(CultureInfo.InvariantCulture,
                    $"a column named '{name}' ({why}); the header has: {string.Join(", ", _header)}"));
                return -1;
            }

            _idColumn = Require(SurveyReader.RespondentColumn, "required");
            _countryColumn = seen.TryGetValue(SurveyReader.CountryColumn, out var country) ? country : -1;
            _weightColumn = options.WeightColumn is { } wc ? Require(wc, "named as the weight column") : -1;
            _strataColumn = options.StrataColumn is { } sc ? Require(sc, "named as the strata column") : -1;
            _clusterColumn = options.ClusterColumn is { } cc ? Require(cc, "named as the cluster column") : -1;
            var reserved = new HashSet<int> { _idColumn, _countryColumn, _weightColumn, _strataColumn, _clusterColumn };
            var contractWeight = seen.TryGetValue(WeightColumnName, out var weightIndex) ? weightIndex : -1;
            var binary = new List<int>();
            if (options.Columns.Count > 0)
            {
                foreach (var name in options.Columns.Distinct(StringComparer.Ordinal))
                {
                    var index = Require(name, "named as a 0/1 column");
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
                binary.AddRange(Enumerable.Range(0, _header.Length).Where(i => !reserved.Contains(i) && i != contractWeight && _header[i].Length > 0));
                if (binary.Count == 0)
                {
                    Report(headerLine, "", "", "at least one 0/1 column besides respondent_id, country, weight and the design columns");
                }
            }

            if (Issues.Count > 0)
            {
                throw new SurveyDataException(Issues, false);
            }

            _binaryColumns = [.. binary];
            _values = [.. binary.Select(_ => new List<byte>())];
        }

        private void ReadRecord(List<string> fields, long line)
        {
            var ok = true;
            var id = fields[_idColumn].Trim();
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
                var text = fields[_weightColumn].Trim();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight) || weight <= 0)
                {
                    Report(line, _header[_weightColumn], text, "a finite number > 0 (invariant culture, '.' as decimal point)");
                    ok = false;
                }
            }

            foreach (var column in (ReadOnlySpan<int>)[_strataColumn, _clusterColumn])
            {
                if (column >= 0 && fields[column].Trim().Length == 0)
                {
                    Report(line, _header[column], "", "a value (not empty)");
                    ok = false;
                }
            }

            var values = new byte[_binaryColumns.Length];
            for (var k = 0; k < values.Length; k++)
            {
                var text = fields[_binaryColumns[k]].Trim();
                if (text is "0" or "1")
                {
                    values[k] = (byte)(text[0] - '0');
                }
                else
                {
                    Report(line, _header[_binaryColumns[k]], text, text.Length == 0 ? "0 or 1 (an empty value is not allowed: missing outcomes are not imputed)" : "0 or 1");
                    ok = false;
                }
            }

            if (!ok)
            {
                return;
            }

            _ids.Add(id);
            if (_countryColumn >= 0)
            {
                _countries.Add(fields[_countryColumn].Trim());
            }

            if (_weightColumn >= 0)
            {
                _weights.Add(weight);
            }

            if (_strataColumn >= 0)
            {
                _strata.Add(fields[_strataColumn].Trim());
            }

            if (_clusterColumn >= 0)
            {
                _clusters.Add(fields[_clusterColumn].Trim());
            }

            for (var k = 0; k < values.Length; k++)
            {
                _values[k].Add(values[k]);
            }
        }

        private void Report(long line, string column, string found, string expected)
        {
            Issues.Add(new DataIssue(source, line, column, found, expected));
            if (Issues.Count >= options.MaxIssues)
            {
                throw new TooManyIssues();
            }
        }

        private string ColumnLabel(int fieldNumber) =>
            fieldNumber >= 1 && fieldNumber <= _header.Length && _header[fieldNumber - 1].Length > 0
                ? _header[fieldNumber - 1]
                : string.Create(CultureInfo.InvariantCulture, $"#{fieldNumber}");
    }
}
