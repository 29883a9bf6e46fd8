using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;

namespace NetHelpfulness.Data;

public static partial class SurveyReader
{
    /// <summary>
    /// Bytes the fast path leaves to the full loader wherever they occur: quotes (RFC 4180 quoting), control characters
    /// (a lone CR ends a line there, a tab is trimmed as whitespace) and DEL.
    /// </summary>
    private static readonly SearchValues<byte> LeftToFullLoader = SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(b => (byte)b), (byte)'"', 0x7F]);

    /// <summary>
    /// Reads the long layout straight from UTF-8 bytes, a buffer at a time (so a file larger than memory streams through):
    /// fields are spans of the buffer, identifiers, scenarios and text columns are coded from their bytes, ratings and
    /// weights parsed from them (the same invariant parse as the full loader, so weights are bit-identical), and no string
    /// is made per field or per respondent. It reads the common, clean file only: at the first thing it does not handle
    /// — quotes, control characters, invalid UTF-8, whitespace other than spaces around a value, a field count, a value
    /// that does not parse or is out of range, a respondent's value that changes, a cell rated twice, answer labels, the
    /// wide layout — it returns null, and the caller reads the file again with the full loader, which reports every
    /// problem as it always has.
    /// </summary>
    internal static SurveyResponses? TryReadLongFast(Stream stream, string source, SurveyReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        return options.Layout == SurveyLayout.Long && options.AnswerLabels is null
            ? new LongFastLoader(source, options).Load(stream)
            : null;
    }

    private sealed class LongFastLoader(string source, SurveyReadOptions options)
    {
        /// <summary>The read buffer; a line longer than this is left to the full loader (which refuses fields over 1 MiB).</summary>
        private const int BufferSize = 1 << 21;

        private readonly Utf8StringTable _respondents = new();
        private readonly Utf8StringTable _scenarios = new();
        private readonly ChunkedList<int> _firstLines = new();
        private readonly ChunkedList<double> _weights = new();
        private readonly RatingGrid _cells = new(keepLines: false);
        private readonly byte[] _lastWeightText = new byte[32];
        private int _lastWeightLength = -1;
        private double _lastWeight;
        private string[] _header = [];
        private int[] _fieldStarts = [];
        private int[] _fieldEnds = [];
        private FastAttribute[] _attributes = [];
        private NamedColumns? _named;
        private AttributePlan? _plan;
        private int _scenario;
        private int _rating;
        private int _previousRespondent = -1;
        private int _previousScenario = -1;
        private long _records;

        public SurveyResponses? Load(Stream stream)
        {
            var buffer = new byte[BufferSize];
            var filled = 0;
            long line = 1;
            var atStart = true;
            while (true)
            {
                var read = stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
                filled += read;
                var at = 0;
                if (atStart && filled >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                {
                    at = 3;
                }

                atStart = false;
                while (true)
                {
                    var end = buffer.AsSpan(at, filled - at).IndexOf((byte)'\n');
                    if (end < 0)
                    {
                        break;
                    }

                    if (!Line(buffer.AsSpan(at, end), line++))
                    {
                        return null;
                    }

                    at += end + 1;
                }

                if (read == 0)
                {
                    return (at == filled || Line(buffer.AsSpan(at, filled - at), line)) && _records > 0 ? Build() : null;
                }

                if (at == 0 && filled == buffer.Length)
                {
                    return null;
                }

                buffer.AsSpan(at, filled - at).CopyTo(buffer);
                filled -= at;
            }
        }

        private bool Line(ReadOnlySpan<byte> text, long line)
        {
            if (text.Length > 0 && text[^1] == '\r')
            {
                text = text[..^1];
            }

            // A blank line is skipped, as the full loader skips it (still counted, so later lines keep their numbers).
            if (text.IsEmpty)
            {
                return true;
            }

            if (text.ContainsAny(LeftToFullLoader) || (!Ascii.IsValid(text) && !Utf8.IsValid(text)))
            {
                return false;
            }

            return _named is null ? Header(text) : Record(text, line);
        }

        private bool Header(ReadOnlySpan<byte> text)
        {
            var names = Encoding.UTF8.GetString(text).Split(',').Select(f => f.Trim()).ToArray();
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < names.Length; i++)
            {
                if (names[i].Length == 0 || !index.TryAdd(names[i], i))
                {
                    return false;
                }
            }

            var missing = false;
            int Find(string name, string why)
            {
                if (index.TryGetValue(name, out var column))
                {
                    return column;
                }

                missing = true;
                return -1;
            }

            var named = NamedColumns.Find(options, index, Find);
            _scenario = Find(ScenarioColumn, "");
            _rating = Find(RatingColumn, "");
            if (missing)
            {
                return false;
            }

            _header = names;
            _fieldStarts = new int[names.Length];
            _fieldEnds = new int[names.Length];
            _plan = AttributePlan.Of(names, options, named, [_scenario, _rating]);
            _attributes = [.. _plan.Attributes.Select(a => new FastAttribute(a))];
            _named = named;
            return true;
        }

        private bool Record(ReadOnlySpan<byte> text, long line)
        {
            if (!Split(text))
            {
                return false;
            }

            _records++;
            var id = Field(text, _named!.Respondent);
            if (id.IsEmpty)
            {
                return false;
            }

            // Rows of one respondent usually follow each other: the previous respondent is tried before the table.
            int respondent;
            bool isNew;
            if (_previousRespondent >= 0 && _respondents[_previousRespondent].SequenceEqual(id))
            {
                respondent = _previousRespondent;
                isNew = false;
            }
            else if ((respondent = _respondents.FindOrAdd(id, out isNew)) < 0)
            {
                return false;
            }

            _previousRespondent = respondent;
            var weight = double.NaN;
            if (_named.Weight >= 0)
            {
                if (!TryWeight(Field(text, _named.Weight), out weight) || (!isNew && _weights[respondent] != weight))
                {
                    return false;
                }
            }

            foreach (var attribute in _attributes)
            {
                var value = Field(text, attribute.Spec.Column);
                if (value.IsEmpty && attribute.Spec.Required)
                {
                    return false;
                }

                if (!isNew && !attribute.IsFirstValue(respondent, value))
                {
                    if (attribute.Spec.Consistent)
                    {
                        return false;
                    }

                    attribute.Inconsistency ??= IssueOfChange(attribute, respondent, value, line);
                }
            }

            var scenarioName = Field(text, _scenario);
            if (scenarioName.IsEmpty || !TryRating(Field(text, _rating), out var rating))
            {
                return false;
            }

            // Each respondent's rows usually list the scenarios in one order: the one after the previous row's is tried first.
            var scenario = _previousScenario + 1 < _scenarios.Count && _scenarios[_previousScenario + 1].SequenceEqual(scenarioName)
                ? _previousScenario + 1
                : _scenarios.FindOrAdd(scenarioName, out var newScenario) is var found && found >= 0 && newScenario
                    ? AddScenario(found)
                    : found;
            if (scenario < 0)
            {
                return false;
            }

            _previousScenario = scenario;

            if (isNew)
            {
                _firstLines.Add((int)Math.Min(line, int.MaxValue));
                if (_named.Weight >= 0)
                {
                    _weights.Add(weight);
                }

                foreach (var attribute in _attributes)
                {
                    if (!attribute.Add(Field(text, attribute.Spec.Column)))
                    {
                        return false;
                    }
                }

                _cells.AddRow();
            }

            return _cells.TrySet(respondent, scenario, rating, line, out _);
        }

        private int AddScenario(int scenario)
        {
            _cells.EnsureColumns(_scenarios.Count);
            return scenario;
        }

        // The issue the full loader keeps (not an error) for a column that is not checked as it is read.
        private DataIssue IssueOfChange(FastAttribute attribute, int respondent, ReadOnlySpan<byte> value, long line) =>
            new(source, line, attribute.Spec.Name, Encoding.UTF8.GetString(value),
                SameValueExpected(_respondents.GetString(respondent), _firstLines[respondent], attribute.ValueOf(respondent)));

        /// <summary>
        /// Finds where each field starts and ends, without the spaces around it; false unless there are as many fields as
        /// the header has, or when a value starts or ends with another Unicode space (which the full loader's trim removes).
        /// </summary>
        private bool Split(ReadOnlySpan<byte> text)
        {
            var start = 0;
            for (var f = 0; f < _header.Length; f++)
            {
                var comma = text[start..].IndexOf((byte)',');
                var end = comma < 0 ? text.Length : start + comma;
                if ((comma < 0) != (f == _header.Length - 1))
                {
                    return false;
                }

                var next = end + 1;
                while (start < end && text[start] == ' ')
                {
                    start++;
                }

                while (end > start && text[end - 1] == ' ')
                {
                    end--;
                }

                if (end > start && (text[start] >= 0x80 || text[end - 1] >= 0x80) && EndsInUnicodeSpace(text[start..end]))
                {
                    return false;
                }

                _fieldStarts[f] = start;
                _fieldEnds[f] = end;
                start = next;
            }

            return true;
        }

        private static bool EndsInUnicodeSpace(ReadOnlySpan<byte> value) =>
            (Rune.DecodeFromUtf8(value, out var first, out _) == OperationStatus.Done && Rune.IsWhiteSpace(first))
            || (Rune.DecodeLastFromUtf8(value, out var last, out _) == OperationStatus.Done && Rune.IsWhiteSpace(last));

        /// <summary>Field <paramref name="index"/> of the current record, without the spaces around it.</summary>
        private ReadOnlySpan<byte> Field(ReadOnlySpan<byte> text, int index) => text[_fieldStarts[index].._fieldEnds[index]];

        private bool TryWeight(ReadOnlySpan<byte> text, out double weight)
        {
            // Weights repeat on every row of a respondent: the same bytes parse to the same number, once.
            if (_lastWeightLength >= 0 && text.SequenceEqual(_lastWeightText.AsSpan(0, _lastWeightLength)))
            {
                weight = _lastWeight;
                return true;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out weight) || !double.IsFinite(weight) || weight <= 0)
            {
                return false;
            }

            _lastWeightLength = text.Length <= _lastWeightText.Length ? text.Length : -1;
            if (_lastWeightLength >= 0)
            {
                text.CopyTo(_lastWeightText);
                _lastWeight = weight;
            }

            return true;
        }

        // The full loader's int.TryParse accepts more (a sign, many leading zeros); such ratings are left to it.
        private bool TryRating(ReadOnlySpan<byte> text, out sbyte rating)
        {
            rating = SurveyResponses.Missing;
            if (text.IsEmpty)
            {
                return true;
            }

            if (text.Length > 3)
            {
                return false;
            }

            var value = 0;
            foreach (var b in text)
            {
                if (!char.IsAsciiDigit((char)b))
                {
                    return false;
                }

                value = (value * 10) + (b - '0');
            }

            if (!options.Scale.Contains(value))
            {
                return false;
            }

            rating = (sbyte)value;
            return true;
        }

        private SurveyResponses Build()
        {
            _respondents.Seal();
            var plan = _plan!;
            return Assemble(
                source,
                options,
                _header,
                _scenarios.ToStrings(),
                _respondents.AsLazyStrings(),
                _cells.ToMatrix(_respondents.Count, _scenarios.Count),
                [.. _attributes.Select(a => a.ToColumn())],
                _named!.Weight,
                _named.Weight >= 0 ? _weights.ToArray() : null,
                plan.Strata >= 0 ? _attributes[plan.Strata].Spec.Name : null,
                plan.Cluster >= 0 ? _attributes[plan.Cluster].Spec.Name : null,
                _firstLines.ToArray(),
                [.. _attributes.Select(a => a.Inconsistency).OfType<DataIssue>()],
                scenarioLabels: null,
                locate: null);
        }
    }

    /// <summary>A respondent-level text column read from bytes: its levels in a <see cref="Utf8StringTable"/>, a code per respondent.</summary>
    private sealed class FastAttribute(AttributeSpec spec)
    {
        private readonly Utf8StringTable _levels = new();
        private readonly ChunkedList<int> _codes = new();

        public AttributeSpec Spec { get; } = spec;

        /// <summary>The first row whose value differed from the respondent's first, for a column not checked as it is read.</summary>
        public DataIssue? Inconsistency { get; set; }

        /// <summary>Codes the first row's value of a new respondent; false when the value is too long to keep.</summary>
        public bool Add(ReadOnlySpan<byte> value)
        {
            var code = _levels.FindOrAdd(value, out _);
            _codes.Add(code);
            return code >= 0;
        }

        /// <summary>True when a later row's value is the respondent's first.</summary>
        public bool IsFirstValue(int respondent, ReadOnlySpan<byte> value) => _levels[_codes[respondent]].SequenceEqual(value);

        public string ValueOf(int respondent) => _levels.GetString(_codes[respondent]);

        public CodedColumn ToColumn() => new(Spec.Name, _codes.ToArray(), _levels.ToStrings());
    }
}
