namespace NetHelpfulness.Data.Spss;

/// <summary>
/// An SPSS system file's cases as records of text fields, for the table loaders: the header is the variable names,
/// a number is shown in its shortest round-trip form (a rating of 4 as <c>4</c>), a string as it is (trailing spaces
/// trimmed), and a system- or user-missing value as an empty field, which the survey contract reads as "not answered".
/// </summary>
/// <remarks>A record's location is its case number (from 1); an issue names the byte offset where the case starts and
/// the case number, since a binary file has no lines.</remarks>
internal sealed class SpssRecordSource : IRecordSource
{
    private readonly SpssFile _file;
    private readonly SpssCaseReader _cases;
    private readonly List<long> _caseOffsets = [];
    private char[] _record = new char[1024];
    private int[] _fieldEnds;
    private int _length;

    public SpssRecordSource(SpssFile file)
    {
        _file = file;
        _cases = file.ReadCases();
        _fieldEnds = new int[file.Variables.Count];
    }

    private int _fieldCount;

    public int FieldCount => _fieldCount;

    /// <summary>The variables' labels (by name) of those that have one.</summary>
    public IReadOnlyDictionary<string, string> VariableLabels =>
        _file.Variables.Where(v => !string.IsNullOrWhiteSpace(v.Label)).ToDictionary(v => v.Name, v => v.Label!.Trim(), StringComparer.Ordinal);

    public bool TryReadHeader(List<string> names, out long location, out CsvSyntaxError? error)
    {
        names.Clear();
        names.AddRange(_file.Variables.Select(v => v.Name));
        location = 0;
        error = null;
        return true;
    }

    public bool TryRead(out long location, out CsvSyntaxError? error)
    {
        error = null;
        if (!_cases.Read())
        {
            location = _cases.CaseNumber + 1;
            return false;
        }

        location = _cases.CaseNumber;
        _caseOffsets.Add(_cases.CaseOffset);
        _length = 0;
        var count = _file.Variables.Count;
        for (var i = 0; i < count; i++)
        {
            var text = _cases.State(i) == SpssValueState.Valid ? _cases.Display(i) : "";
            if (_length + text.Length > _record.Length)
            {
                Array.Resize(ref _record, Math.Max(_record.Length * 2, _length + text.Length));
            }

            text.CopyTo(_record.AsSpan(_length));
            _length += text.Length;
            _fieldEnds[i] = _length;
        }

        _fieldCount = count;
        return true;
    }

    public ReadOnlySpan<char> Field(int index)
    {
        var start = index == 0 ? 0 : _fieldEnds[index - 1];
        return _record.AsSpan(start, _fieldEnds[index] - start);
    }

    public SavedRecord Save() => SavedRecord.Of(_record, _length, _fieldEnds, _fieldCount);

    public void Restore(SavedRecord saved) => saved.CopyTo(ref _record, ref _fieldEnds, out _length, out _fieldCount);

    public DataIssue Issue(string source, long location, string column, string found, string expected) =>
        location >= 1 && location <= _caseOffsets.Count
            ? new DataIssue(source, 0, column, found, expected) { ByteOffset = _caseOffsets[(int)(location - 1)], Case = location }
            : new DataIssue(source, 0, column, found, expected) { ByteOffset = 0 };
}
