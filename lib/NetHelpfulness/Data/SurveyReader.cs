using System.Globalization;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Data;

/// <summary>
/// Reads and validates survey files (RFC 4180 CSV, UTF-8 with or without BOM, LF or CRLF) into
/// <see cref="SurveyResponses"/>. Every violation of the data contract (see <c>data/README.md</c>) is reported
/// with file, line, column, the value found and what was expected, up to <see cref="SurveyReadOptions.MaxIssues"/>.
/// </summary>
public static partial class SurveyReader
{
    /// <summary>Column names of the long contract.</summary>
    public const string RespondentColumn = "respondent_id", CountryColumn = "country", ScenarioColumn = "scenario", RatingColumn = "rating";

    /// <summary>
    /// Reads a survey file: CSV (long or wide, a Qualtrics export included), or an SPSS system file (.sav, .zsav),
    /// recognised by its first bytes or its name, whose cases are read as the wide layout's rows (see <see cref="ReadSpss"/>).
    /// </summary>
    /// <exception cref="SurveyDataException">The file is missing, unreadable or breaks the contract.</exception>
    public static SurveyResponses ReadFile(string path, SurveyReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (IsSpssFile(path))
        {
            return ReadSpss(path, options);
        }

        using var stream = TextInput.OpenRead(path);
        return Read(stream, path, options);
    }

    /// <summary>
    /// Reads an SPSS system file as a survey: each case a respondent (the wide layout), variables as columns, numeric
    /// ratings as they are coded, system- and user-missing values (discrete or ranges) as not answered, and the scenario
    /// variables' labels as the scenarios' labels. Problems name the byte offset and case.
    /// </summary>
    /// <exception cref="SurveyDataException">The file is not a system file, is truncated or corrupt, or breaks the contract.</exception>
    public static SurveyResponses ReadSpss(string path, SurveyReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var read = options ?? new SurveyReadOptions { Layout = SurveyLayout.Wide };
        using var file = Spss.SpssFile.Open(path);
        var records = new Spss.SpssRecordSource(file);
        return new Loader(path, read, records.VariableLabels).Load(records) is var survey && file.WeightVariable is { } weight
            ? survey.WithFileWeight(weight.Name)
            : survey;
    }

    /// <summary>
    /// True when the file starts as an SPSS system file does (<c>$FL2</c>, or <c>$FL3</c> for .zsav), or is named
    /// <c>.sav</c> or <c>.zsav</c> (then the SPSS reader says what its first bytes are, rather than a CSV reader
    /// complaining of binary text).
    /// </summary>
    public static bool IsSpssFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.GetExtension(path).ToUpperInvariant() is ".SAV" or ".ZSAV")
        {
            return true;
        }

        try
        {
            using var stream = File.OpenRead(path);
            Span<byte> magic = stackalloc byte[4];
            return stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic[0] == '$' && magic[1] == 'F' && magic[2] == 'L' && (magic[3] == '2' || magic[3] == '3');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return false;
        }
    }

    /// <summary>Reads a survey from a stream; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="SurveyDataException">The data break the contract.</exception>
    /// <remarks>
    /// A seekable stream of the long layout is first read by a fast path over its UTF-8 bytes
    /// (<see cref="TryReadLongFast"/>); at anything it does not handle it gives way to the full loader from the start,
    /// so that every file loads to the same survey and every problem is reported with the same message.
    /// </remarks>
    public static SurveyResponses Read(Stream stream, string source, SurveyReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (stream.CanSeek)
        {
            var start = stream.Position;
            if (TryReadLongFast(stream, source, options ?? new SurveyReadOptions()) is { } survey)
            {
                return survey;
            }

            stream.Position = start;
        }

        return TextInput.Read(stream, text => Read(text, source, options));
    }

    /// <summary>Reads a survey from text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="SurveyDataException">The data break the contract.</exception>
    public static SurveyResponses Read(TextReader text, string source, SurveyReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var read = options ?? new SurveyReadOptions();
        return new Loader(source, read).Load(text);
    }

    private sealed class Loader(string source, SurveyReadOptions options, IReadOnlyDictionary<string, string>? columnLabels = null)
        : CsvTableLoader<SurveyResponses>(source, options.MaxIssues, emptyFileLine: 1)
    {
        private readonly Dictionary<string, int> _respondentIndex = new(StringComparer.Ordinal);
        private readonly List<string> _respondentIds = [];
        private readonly List<long> _respondentLine = [];
        private readonly Dictionary<string, int> _scenarioIndex = new(StringComparer.Ordinal);
        private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _respondentLookup;
        private Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _scenarioLookup;
        private readonly List<string> _scenarios = [];
        private readonly RatingGrid _cells = new(keepLines: true);
        private readonly List<RespondentAttribute> _attributes = [];
        private RespondentAttribute? _strata;
        private RespondentAttribute? _clusters;
        private readonly List<double> _weights = [];
        private int _weightColumn = -1;
        private Columns? _columns;
        private Dictionary<string, int?>.AlternateLookup<ReadOnlySpan<char>>? _labels;
        private int _recordsSeen;
        private (SavedRecord Record, long Line)? _heldBack;
        private Dictionary<string, string>? _questionTexts;

        protected override void ResolveColumns(long headerLine)
        {
            if (options.AnswerLabels is { } labels)
            {
                _labels = new Dictionary<string, int?>(labels, StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
            }

            _respondentLookup = _respondentIndex.GetAlternateLookup<ReadOnlySpan<char>>();
            _scenarioLookup = _scenarioIndex.GetAlternateLookup<ReadOnlySpan<char>>();
            int Require(string name, string why) => this.Require(headerLine, name, why);

            var named = NamedColumns.Find(options, ColumnIndex, Require);
            var respondent = named.Respondent;
            _weightColumn = named.Weight;
            int scenario = -1, rating = -1;
            var scenarioColumns = new List<(int Column, int Scenario)>();
            if (options.Layout == SurveyLayout.Long)
            {
                scenario = Require(ScenarioColumn, "required in the long layout; for one column per scenario use the wide layout");
                rating = Require(RatingColumn, "required in the long layout");
            }
            else
            {
                foreach (var name in options.ScenarioColumns)
                {
                    var index = Require(name, "named as a scenario column");
                    if (index >= 0)
                    {
                        scenarioColumns.Add((index, ScenarioCode(name)));
                    }
                }

                if (options.ScenarioPrefix is { Length: > 0 } prefix)
                {
                    for (var i = 0; i < Header.Length; i++)
                    {
                        if (Header[i].StartsWith(prefix, StringComparison.Ordinal) && Header[i].Length > prefix.Length)
                        {
                            scenarioColumns.Add((i, ScenarioCode(Header[i][prefix.Length..])));
                        }
                    }
                }

                if (scenarioColumns.Count == 0)
                {
                    Report(headerLine, "", "", options.ScenarioPrefix is null
                        ? "scenario columns for the wide layout (name them, or give their common prefix)"
                        : $"at least one column whose name starts with '{options.ScenarioPrefix}'");
                }
            }

            ThrowIfIssues();

            var plan = AttributePlan.Of(Header, options, named, [scenario, rating, .. scenarioColumns.Select(c => c.Column)]);
            _attributes.AddRange(plan.Attributes.Select(spec => new RespondentAttribute(spec)));
            _strata = plan.Strata >= 0 ? _attributes[plan.Strata] : null;
            _clusters = plan.Cluster >= 0 ? _attributes[plan.Cluster] : null;
            var groupAttributes = plan.Groups.Select(g => _attributes[g]).ToArray();
            _columns = new Columns(respondent, scenario, rating, [.. scenarioColumns], [.. groupAttributes]);
        }

        protected override void ReadRecord(IRecordSource csv, long line)
        {
            // A Qualtrics export has two more header rows: the question texts, then {"ImportId": ...} per column. The
            // first data row is held back until the second shows whether the file is one.
            _recordsSeen++;
            if (_recordsSeen == 1 && options.Layout == SurveyLayout.Wide)
            {
                _heldBack = (csv.Save(), line);
                return;
            }

            if (_recordsSeen == 2 && _heldBack is { } first)
            {
                _heldBack = null;
                if (IsQualtricsImportIds(csv))
                {
                    var current = csv.Save();
                    csv.Restore(first.Record);
                    _questionTexts = new Dictionary<string, string>(StringComparer.Ordinal);
                    for (var i = 0; i < Header.Length; i++)
                    {
                        _questionTexts[Header[i]] = csv.Field(i).Trim().ToString();
                    }

                    csv.Restore(current);
                    return;
                }

                var second = csv.Save();
                csv.Restore(first.Record);
                ReadDataRecord(csv, first.Line);
                csv.Restore(second);
            }

            ReadDataRecord(csv, line);
        }

        protected override void EndOfRecords(IRecordSource csv)
        {
            if (_heldBack is { } only)
            {
                _heldBack = null;
                csv.Restore(only.Record);
                ReadDataRecord(csv, only.Line);
            }
        }

        private static bool IsQualtricsImportIds(IRecordSource csv)
        {
            var any = false;
            for (var i = 0; i < csv.FieldCount; i++)
            {
                var field = csv.Field(i).Trim();
                if (field.IsEmpty)
                {
                    continue;
                }

                if (!field.StartsWith("{\"ImportId\"", StringComparison.Ordinal))
                {
                    return false;
                }

                any = true;
            }

            return any;
        }

        private void ReadDataRecord(IRecordSource csv, long line)
        {
            var columns = _columns!;
            var id = columns.Respondent >= 0
                ? csv.Field(columns.Respondent).Trim()
                : (_respondentIds.Count + 1).ToString(CultureInfo.InvariantCulture).AsSpan();
            if (id.IsEmpty)
            {
                Report(line, Header[columns.Respondent], "", "a respondent identifier (not empty)");
                return;
            }

            var isNew = !_respondentLookup.TryGetValue(id, out var respondent);
            if (isNew)
            {
                respondent = _respondentIds.Count;
            }

            double weight = double.NaN;
            if (_weightColumn >= 0)
            {
                var text = csv.Field(_weightColumn).Trim();
                if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight) || weight <= 0)
                {
                    Report(line, Header[_weightColumn], text.ToString(), "a finite number > 0 (invariant culture, '.' as decimal point)");
                    return;
                }

                if (!isNew && _weights[respondent] != weight)
                {
                    Report(line, Header[_weightColumn], text.ToString(), string.Create(CultureInfo.InvariantCulture,
                        $"the same weight on every row of respondent '{id}' (line {_respondentLine[respondent]} has {_weights[respondent]:R})"));
                    return;
                }
            }

            foreach (var attribute in _attributes)
            {
                var value = csv.Field(attribute.Column).Trim();
                if (value.IsEmpty && attribute.Required)
                {
                    Report(line, attribute.Name, "", "a value (not empty)");
                    return;
                }

                if (!isNew && !value.SequenceEqual(attribute.Values[respondent]))
                {
                    var issue = IssueAt(line, attribute.Name, value.ToString(), SameValueExpected(id, _respondentLine[respondent], attribute.Values[respondent]));
                    if (attribute.Consistent)
                    {
                        Report(issue);
                        return;
                    }

                    attribute.Inconsistency ??= issue;
                }
            }

            if (options.Layout == SurveyLayout.Long)
            {
                var scenarioName = csv.Field(columns.Scenario).Trim();
                if (scenarioName.IsEmpty)
                {
                    Report(line, ScenarioColumn, "", "a scenario identifier (not empty)");
                    return;
                }

                if (!TryParseRating(csv.Field(columns.Rating), line, RatingColumn, out var rating))
                {
                    return;
                }

                var scenario = ScenarioCode(scenarioName);
                AddRespondent(isNew, id, line, weight, csv);
                SetCell(respondent, scenario, rating, line);
            }
            else
            {
                var ratings = new sbyte[columns.ScenarioColumns.Length];
                var ok = true;
                for (var k = 0; k < ratings.Length; k++)
                {
                    var column = columns.ScenarioColumns[k].Column;
                    ok &= TryParseRating(csv.Field(column), line, Header[column], out ratings[k]);
                }

                if (!ok)
                {
                    return;
                }

                if (!isNew)
                {
                    Report(line, Header[columns.Respondent], id.ToString(), $"one row per respondent in the wide layout (respondent '{id}' is also on line {_respondentLine[respondent]})");
                    return;
                }

                AddRespondent(isNew, id, line, weight, csv);
                for (var k = 0; k < ratings.Length; k++)
                {
                    SetCell(respondent, columns.ScenarioColumns[k].Scenario, ratings[k], line);
                }
            }
        }

        private void AddRespondent(bool isNew, ReadOnlySpan<char> id, long line, double weight, IRecordSource csv)
        {
            if (!isNew)
            {
                return;
            }

            var text = id.ToString();
            _respondentIndex.Add(text, _respondentIds.Count);
            _respondentIds.Add(text);
            _respondentLine.Add(line);
            if (_weightColumn >= 0)
            {
                _weights.Add(weight);
            }

            foreach (var attribute in _attributes)
            {
                attribute.Add(csv.Field(attribute.Column).Trim());
            }

            _cells.AddRow();
        }

        private void SetCell(int respondent, int scenario, sbyte rating, long line)
        {
            if (!_cells.TrySet(respondent, scenario, rating, line, out var firstLine))
            {
                Report(line, ScenarioColumn, _scenarios[scenario], string.Create(CultureInfo.InvariantCulture,
                    $"one row per respondent and scenario (respondent '{_respondentIds[respondent]}' rated '{_scenarios[scenario]}' on line {firstLine} already)"));
            }
        }

        private bool TryParseRating(ReadOnlySpan<char> field, long line, string column, out sbyte rating)
        {
            var text = field.Trim();
            rating = SurveyResponses.Missing;
            if (text.IsEmpty)
            {
                return true;
            }

            if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && options.Scale.Contains(value))
            {
                rating = (sbyte)value;
                return true;
            }

            if (_labels is { } lookup && lookup.TryGetValue(text, out var labelled))
            {
                rating = labelled is { } code ? (sbyte)code : SurveyResponses.Missing;
                return true;
            }

            Report(line, column, text.ToString(), _labels is null
                ? options.Scale.Describe()
                : $"{options.Scale.Describe()}, or one of the answer labels: {string.Join(", ", options.AnswerLabels!.Select(l => $"'{l.Key}' ({(l.Value is { } c ? c.ToString(CultureInfo.InvariantCulture) : "not answered")})"))}");
            return false;
        }

        private int ScenarioCode(ReadOnlySpan<char> name)
        {
            if (!_scenarioLookup.TryGetValue(name, out var code))
            {
                code = ScenarioCode(name.ToString());
            }

            return code;
        }

        private int ScenarioCode(string name)
        {
            if (!_scenarioIndex.TryGetValue(name, out var code))
            {
                code = _scenarios.Count;
                _scenarioIndex.Add(name, code);
                _scenarios.Add(name);
                _cells.EnsureColumns(_scenarios.Count);
            }

            return code;
        }

        protected override SurveyResponses Build() => Assemble(
            Source,
            options,
            Header,
            [.. _scenarios],
            [.. _respondentIds],
            _cells.ToMatrix(_respondentIds.Count, _scenarios.Count),
            [.. _attributes.Select(a => a.ToColumn())],
            _weightColumn,
            _weightColumn >= 0 ? [.. _weights] : null,
            _strata?.Name,
            _clusters?.Name,
            [.. _respondentLine.Select(l => (int)Math.Min(l, int.MaxValue))],
            [.. _attributes.Select(a => a.Inconsistency).OfType<DataIssue>()],
            ScenarioLabels(),
            Locator);

        // The question text of each scenario column of a Qualtrics export, or the variable label of an SPSS file,
        // becomes the scenario's label.
        private Dictionary<string, string>? ScenarioLabels()
        {
            if ((_questionTexts ?? columnLabels) is not { } texts)
            {
                return null;
            }

            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (column, scenario) in _columns!.ScenarioColumns)
            {
                if (texts.TryGetValue(Header[column], out var text) && text.Length > 0)
                {
                    labels[_scenarios[scenario]] = text;
                }
            }

            return labels;
        }
    }

    private sealed record Columns(int Respondent, int Scenario, int Rating, (int Column, int Scenario)[] ScenarioColumns, RespondentAttribute[] Groups);

    /// <summary>The columns the read options name (−1 for one not asked for, or not found).</summary>
    private sealed record NamedColumns(int Respondent, int Weight, int Strata, int Cluster, int[] Groups)
    {
        /// <summary>Finds the named columns with <paramref name="require"/>, which reports one that is missing and gives −1.</summary>
        public static NamedColumns Find(SurveyReadOptions options, Dictionary<string, int> columnIndex, Func<string, string, int> require)
        {
            var respondent = options.IdColumn is { } idColumn
                ? require(idColumn, "named as the respondent identifier column")
                : columnIndex.TryGetValue(RespondentColumn, out var idIndex) ? idIndex
                : options.Layout == SurveyLayout.Wide ? -1
                : require(RespondentColumn, "required in the long layout; name another identifier column with the id option");
            var weight = options.WeightColumn is { } wc ? require(wc, "named as the weight column") : -1;
            var strata = options.StrataColumn is { } sc ? require(sc, "named as the strata column") : -1;
            var cluster = options.ClusterColumn is { } cc ? require(cc, "named as the cluster column") : -1;
            var groups = options.GroupColumns.Select(g => require(g, "named as a grouping column")).ToArray();
            return new NamedColumns(respondent, weight, strata, cluster, groups);
        }
    }

    /// <summary>A respondent-level text column to keep: checked as it is read when <paramref name="Required"/> (not empty) and <paramref name="Consistent"/> (the same on every row of a respondent).</summary>
    private sealed record AttributeSpec(string Name, int Column, bool Required, bool Consistent);

    /// <summary>
    /// Which columns are kept as respondent-level text, in order, and which of them are the strata, the clusters and the
    /// groups (indices into <see cref="Attributes"/>, −1 for none): the one rule both loaders follow.
    /// </summary>
    private sealed record AttributePlan(AttributeSpec[] Attributes, int Strata, int Cluster, int[] Groups)
    {
        /// <param name="header">The file's column names.</param>
        /// <param name="options">The read options (which columns to keep).</param>
        /// <param name="named">The columns the options name.</param>
        /// <param name="valueColumns">The scenario and rating columns (never kept as text).</param>
        public static AttributePlan Of(string[] header, SurveyReadOptions options, NamedColumns named, IEnumerable<int> valueColumns)
        {
            // Named design and group columns are checked as they are read (not empty, the same on every row of a
            // respondent); the contract's country column for the latter. Every other column is kept as it is, and
            // a value that varies within a respondent is an error only when an analysis uses that column.
            var used = new HashSet<int>(valueColumns) { named.Respondent, named.Weight };
            var attributes = new List<AttributeSpec>();
            int Attribute(int column, bool required, bool consistent)
            {
                attributes.Add(new AttributeSpec(header[column], column, required, consistent));
                used.Add(column);
                return attributes.Count - 1;
            }

            var strata = named.Strata >= 0 ? Attribute(named.Strata, required: true, consistent: true) : -1;
            var cluster = named.Cluster >= 0 ? Attribute(named.Cluster, required: true, consistent: true) : -1;
            var groups = new List<int>();
            foreach (var g in named.Groups.Where(g => !used.Contains(g)))
            {
                groups.Add(Attribute(g, required: true, consistent: true));
            }

            var keep = options.KeepColumns is null ? null : new HashSet<string>(options.KeepColumns, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                if (!used.Contains(i) && (keep is null || keep.Contains(header[i])))
                {
                    Attribute(i, required: false, consistent: header[i] == CountryColumn);
                }
            }

            return new AttributePlan([.. attributes], strata, cluster, [.. groups]);
        }
    }

    /// <summary>What a column that must be constant within a respondent expected, when a row differs from the respondent's first.</summary>
    private static string SameValueExpected(ReadOnlySpan<char> respondent, long firstLine, string firstValue) =>
        string.Create(CultureInfo.InvariantCulture, $"the same value on every row of respondent '{respondent}' (line {firstLine} has '{firstValue}')");

    /// <summary>The survey both loaders build from what they read.</summary>
    private static SurveyResponses Assemble(
        string source,
        SurveyReadOptions options,
        string[] header,
        string[] scenarios,
        IReadOnlyList<string> respondentIds,
        sbyte[] ratings,
        IReadOnlyList<CodedColumn> columns,
        int weightColumn,
        double[]? weights,
        string? strata,
        string? cluster,
        int[] lines,
        IReadOnlyList<DataIssue> inconsistent,
        IReadOnlyDictionary<string, string>? scenarioLabels,
        IssueLocator? locate)
    {
        var numbers = weightColumn >= 0 ? new Dictionary<string, double[]>(StringComparer.Ordinal) { [header[weightColumn]] = weights! } : null;
        var design = new DesignSpec { Weight = weightColumn >= 0 ? header[weightColumn] : null, Strata = strata, Cluster = cluster };
        return new SurveyResponses(source, options.Scale, scenarios, respondentIds, ratings, columns, numbers, design,
            [.. options.GroupColumns], lines, inconsistent, scenarioLabels, fileColumns: header, locate: locate);
    }

    /// <summary>A respondent-level text column, dictionary-coded as it is read.</summary>
    private sealed class RespondentAttribute
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly List<string> _levels = [];
        private readonly List<int> _codes = [];

        public RespondentAttribute(AttributeSpec spec)
        {
            Name = spec.Name;
            Column = spec.Column;
            Required = spec.Required;
            Consistent = spec.Consistent;
            _lookup = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public string Name { get; }

        public int Column { get; }

        /// <summary>An empty value is an error as the file is read.</summary>
        public bool Required { get; }

        /// <summary>A value that differs between rows of one respondent is an error as the file is read (otherwise it is kept in <see cref="Inconsistency"/>).</summary>
        public bool Consistent { get; }

        /// <summary>The first row whose value differed from the respondent's earlier rows, for a column not checked as it is read.</summary>
        public DataIssue? Inconsistency { get; set; }

        public IReadOnlyList<string> Values => new ValueView(this);

        public void Add(ReadOnlySpan<char> value)
        {
            if (!_lookup.TryGetValue(value, out var code))
            {
                code = _levels.Count;
                var text = value.ToString();
                _index.Add(text, code);
                _levels.Add(text);
            }

            _codes.Add(code);
        }

        public CodedColumn ToColumn() => new(Name, [.. _codes], [.. _levels]);

        private sealed class ValueView(RespondentAttribute owner) : IReadOnlyList<string>
        {
            public string this[int index] => owner._levels[owner._codes[index]];

            public int Count => owner._codes.Count;

            public IEnumerator<string> GetEnumerator() => owner._codes.Select(c => owner._levels[c]).GetEnumerator();

            System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
        }
    }

    /// <summary>
    /// The respondent × scenario ratings as they are read, growing in both directions, in chunks (no doubling peaks);
    /// with the line of each cell when the loader names an earlier rating of a cell rated twice.
    /// </summary>
    private sealed class RatingGrid(bool keepLines)
    {
        private const sbyte NotRated = sbyte.MaxValue;

        // While respondents are few (the first ones name the scenarios) the rows are as wide as the scenarios seen;
        // after that a new scenario doubles them, so a late one costs one copy, not one per scenario.
        private const int ExactWidthRows = 1 << 16;
        private ChunkedList<sbyte> _ratings = new();
        private ChunkedList<int>? _lines = keepLines ? new() : null;
        private int _stride = 1;
        private int _rows;

        public void AddRow()
        {
            _ratings.AddRange(NotRated, _stride);
            _lines?.AddRange(0, _stride);
            _rows++;
        }

        public void EnsureColumns(int columns)
        {
            if (columns <= _stride)
            {
                return;
            }

            var stride = _rows < ExactWidthRows ? columns : Math.Max(columns, _stride * 2);
            var ratings = new ChunkedList<sbyte>();
            var lines = _lines is null ? null : new ChunkedList<int>();
            for (var r = 0; r < _rows; r++)
            {
                for (var c = 0; c < stride; c++)
                {
                    ratings.Add(c < _stride ? _ratings[(r * _stride) + c] : NotRated);
                    lines?.Add(c < _stride ? _lines![(r * _stride) + c] : 0);
                }
            }

            _ratings = ratings;
            _lines = lines;
            _stride = stride;
        }

        /// <summary>Stores a rating; false when the cell was rated already (then <paramref name="firstLine"/> is the earlier rating's line, when lines are kept).</summary>
        public bool TrySet(int row, int column, sbyte rating, long line, out long firstLine)
        {
            var at = (row * _stride) + column;
            ref var cell = ref _ratings[at];
            if (cell != NotRated)
            {
                firstLine = _lines is null ? 0 : _lines[at];
                return false;
            }

            cell = rating;
            if (_lines is not null)
            {
                _lines[at] = (int)Math.Min(line, int.MaxValue);
            }

            firstLine = 0;
            return true;
        }

        public sbyte[] ToMatrix(int rows, int columns)
        {
            var matrix = new sbyte[rows * columns];
            if (columns == _stride)
            {
                _ratings.CopyTo(matrix);
            }
            else
            {
                for (var r = 0; r < rows; r++)
                {
                    for (var c = 0; c < columns; c++)
                    {
                        matrix[(r * columns) + c] = _ratings[(r * _stride) + c];
                    }
                }
            }

            matrix.AsSpan().Replace(NotRated, SurveyResponses.Missing);
            return matrix;
        }
    }
}
