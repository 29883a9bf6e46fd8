using System.Buffers.Binary;
using System.Globalization;

namespace NetHelpfulness.Data.Spss;

/// <summary>Whether a value is an answer, a user-missing code (e.g. "Don't know" = 9) or system-missing (no value at all).</summary>
public enum SpssValueState
{
    /// <summary>A value that is not missing.</summary>
    Valid,

    /// <summary>A value declared missing by the variable's user-missing values: a real code that analyses treat as not answered.</summary>
    UserMissing,

    /// <summary>SPSS's system-missing value (numbers only): no value.</summary>
    SystemMissing,
}

/// <summary>
/// A forward-only cursor over the cases of an <see cref="SpssFile"/>: <see cref="Read"/> moves to the next case, whose
/// values are then read by variable index (<see cref="SpssFile.Variables"/>, <see cref="SpssFile.IndexOf"/>).
/// </summary>
/// <remarks>
/// <para>
/// One case is held at a time (its raw 8-byte elements); strings are decoded only when asked for, very long strings
/// reassembled from their segments and trailing spaces removed (as haven does). Numbers are returned as stored, to the
/// last bit; system-missing is a state of its own (<see cref="State"/>), and user-missing values are flagged rather
/// than hidden, so that a loader can treat them as not answered yet still report the code.
/// </para>
/// <para>
/// <see cref="CaseOffset"/> is the byte offset where the case starts: in an uncompressed or bytecode-compressed file,
/// its offset in the file (for bytecode, the offset of its first command byte); in a ZLIB-compressed file, its offset
/// in the inflated data, counted as the format's block descriptors count it.
/// </para>
/// </remarks>
public sealed class SpssCaseReader : IDisposable
{
    private static readonly DateTime SpssEpoch = new(1582, 10, 14, 0, 0, 0, DateTimeKind.Unspecified);

    private readonly SpssFile _file;
    private readonly SpssDictionary _dictionary;
    private readonly CaseDecoder _decoder;
    private readonly byte[] _case;
    private readonly byte[] _scratch;
    private readonly string?[] _text;
    private readonly long[] _textCase;
    private readonly NumericMissing[] _numericMissing;
    private readonly bool _bigEndian;
    private readonly double _systemMissing;
    private bool _closed;
    private bool _atEnd;

    internal SpssCaseReader(SpssFile file, SpssDictionary dictionary, CaseDecoder decoder)
    {
        _file = file;
        _dictionary = dictionary;
        _decoder = decoder;
        _case = new byte[dictionary.ElementCount * 8];
        _scratch = new byte[dictionary.Layout.Length == 0 ? 0 : dictionary.Layout.Max(l => l.Width)];
        _text = new string?[dictionary.Layout.Length];
        _textCase = new long[dictionary.Layout.Length];
        _numericMissing = [.. dictionary.Variables.Select(v => new NumericMissing(v.MissingValues))];
        _bigEndian = dictionary.BigEndian;
        _systemMissing = dictionary.SystemMissing;
    }

    /// <summary>The file being read.</summary>
    public SpssFile File => _file;

    /// <summary>1-based number of the current case; 0 before the first <see cref="Read"/>.</summary>
    public long CaseNumber { get; private set; }

    /// <summary>Byte offset where the current case starts (see the remarks).</summary>
    public long CaseOffset { get; private set; }

    /// <summary>Moves to the next case. False after the last one.</summary>
    /// <exception cref="SurveyDataException">The data are truncated or corrupt (the message names the byte offset).</exception>
    public bool Read()
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (_atEnd)
        {
            return false;
        }

        // A file without variables (seen in the wild, the manual says) has no data either, whatever its header says.
        if ((_dictionary.CaseCount is { } expected && CaseNumber >= expected) || _case.Length == 0)
        {
            _atEnd = true;
            return false;
        }

        bool more;
        long offset;
        try
        {
            more = _decoder.ReadCase(_case, out offset);
        }
        catch (IOException e)
        {
            throw SpssErrors.At(_file.Source, CaseOffset, "a read error (" + e.Message + ")", "a readable file");
        }

        if (!more)
        {
            _atEnd = true;
            if (_dictionary.CaseCount is { } count && CaseNumber < count)
            {
                throw SpssErrors.At(_file.Source, offset, $"the end of the data after {SpssErrors.Number(CaseNumber)} cases",
                    $"{SpssErrors.Number(count)} cases, as the file header states (the file is truncated)");
            }

            return false;
        }

        CaseNumber++;
        CaseOffset = offset;
        return true;
    }

    /// <summary>Whether the value is valid, user-missing or system-missing.</summary>
    public SpssValueState State(int variable)
    {
        var layout = Layout(variable);
        if (layout.IsNumeric)
        {
            var value = Raw(layout);
            if (value == _systemMissing || double.IsNaN(value))
            {
                return SpssValueState.SystemMissing;
            }

            return _numericMissing[variable].Contains(value) ? SpssValueState.UserMissing : SpssValueState.Valid;
        }

        var missing = _dictionary.Variables[variable].MissingValues;
        return !missing.IsEmpty && missing.Contains(Text(variable)) ? SpssValueState.UserMissing : SpssValueState.Valid;
    }

    /// <summary>True when the value is user- or system-missing (not answered).</summary>
    public bool IsMissing(int variable) => State(variable) != SpssValueState.Valid;

    /// <summary>
    /// The number as stored (user-missing codes included); NaN when system-missing. For date and time variables, seconds
    /// (since 1582-10-14 00:00 for dates and date-times).
    /// </summary>
    /// <exception cref="InvalidOperationException">The variable is a string.</exception>
    public double Number(int variable)
    {
        var layout = Layout(variable);
        if (!layout.IsNumeric)
        {
            throw new InvalidOperationException($"variable '{_dictionary.Variables[variable].Name}' is a string; read it with Text");
        }

        var value = Raw(layout);
        return value == _systemMissing ? double.NaN : value;
    }

    /// <summary>The number when it is valid; false when it is user- or system-missing (not answered).</summary>
    /// <exception cref="InvalidOperationException">The variable is a string.</exception>
    public bool TryGetNumber(int variable, out double value)
    {
        value = Number(variable);
        return !double.IsNaN(value) && !_numericMissing[variable].Contains(value);
    }

    /// <summary>The string, decoded from the file's encoding, trailing spaces removed (user-missing strings included).</summary>
    /// <exception cref="InvalidOperationException">The variable is numeric.</exception>
    public string Text(int variable)
    {
        var layout = Layout(variable);
        if (layout.IsNumeric)
        {
            throw new InvalidOperationException($"variable '{_dictionary.Variables[variable].Name}' is numeric; read it with Number");
        }

        if (_textCase[variable] == CaseNumber && _text[variable] is { } cached)
        {
            return cached;
        }

        ReadOnlySpan<byte> bytes;
        if (layout.Segments.Length == 1)
        {
            bytes = _case.AsSpan(layout.Segments[0].ByteOffset, layout.Segments[0].Length);
        }
        else
        {
            var length = 0;
            foreach (var segment in layout.Segments)
            {
                _case.AsSpan(segment.ByteOffset, segment.Length).CopyTo(_scratch.AsSpan(length));
                length += segment.Length;
            }

            bytes = _scratch.AsSpan(0, length);
        }

        var text = SpssDictionaryReader.DecodeTrimmed(_dictionary.Encoding, bytes);
        _text[variable] = text;
        _textCase[variable] = CaseNumber;
        return text;
    }

    /// <summary>
    /// The value of a date or date-time variable as a <see cref="DateTime"/> (kind unspecified: SPSS has no time zone);
    /// null when missing or outside the years 1–9999.
    /// </summary>
    /// <exception cref="InvalidOperationException">The variable is not a date or date-time.</exception>
    public DateTime? Date(int variable)
    {
        var type = _dictionary.Variables[variable].Type;
        if (type is not (SpssVariableType.Date or SpssVariableType.DateTime))
        {
            throw new InvalidOperationException($"variable '{_dictionary.Variables[variable].Name}' is {type}, not a date");
        }

        return TryGetNumber(variable, out var seconds) ? ToDateTime(seconds) : null;
    }

    /// <summary>
    /// The value as text, for identifiers and design columns: a string as is; a number in the invariant culture's
    /// shortest round-trip form (1001, 0.25); empty when system-missing. User-missing values are shown as stored.
    /// </summary>
    public string Display(int variable)
    {
        var layout = Layout(variable);
        if (!layout.IsNumeric)
        {
            return Text(variable);
        }

        var value = Number(variable);
        return double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);
    }

    /// <summary>Seconds since 1582-10-14 00:00 (SPSS's date origin) as a date, or null outside <see cref="DateTime"/>'s range.</summary>
    public static DateTime? ToDateTime(double seconds)
    {
        // Whole seconds and the fraction apart: seconds × 10⁷ as one double (about 10¹⁷) would lose the last ticks.
        var whole = Math.Floor(seconds);
        if (!(whole >= -SpssEpoch.Ticks / TimeSpan.TicksPerSecond && whole <= (DateTime.MaxValue.Ticks - SpssEpoch.Ticks) / TimeSpan.TicksPerSecond))
        {
            return null;
        }

        var ticks = ((long)whole * TimeSpan.TicksPerSecond) + (long)Math.Round((seconds - whole) * TimeSpan.TicksPerSecond);
        return ticks >= -SpssEpoch.Ticks && ticks <= DateTime.MaxValue.Ticks - SpssEpoch.Ticks ? SpssEpoch.AddTicks(ticks) : null;
    }

    /// <summary>Ends the cursor (the file stays open).</summary>
    public void Dispose() => Close();

    internal void Close()
    {
        if (!_closed)
        {
            _closed = true;
            _decoder.Dispose();
        }
    }

    private VariableLayout Layout(int variable)
    {
        ObjectDisposedException.ThrowIf(_closed, this);
        if (CaseNumber == 0 || _atEnd)
        {
            throw new InvalidOperationException("no current case: call Read first, and only while it returns true");
        }

        return _dictionary.Layout[variable];
    }

    private double Raw(VariableLayout layout)
    {
        var bytes = _case.AsSpan(layout.FirstElement * 8, 8);
        return _bigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes);
    }

    /// <summary>A numeric variable's user-missing values in fields, so that the check per value costs no interface call.</summary>
    private readonly struct NumericMissing
    {
        private readonly double _first, _second, _third, _low, _high;

        public NumericMissing(SpssMissingValues missing)
        {
            var numbers = missing.Discrete.Where(d => !d.IsString).Select(d => d.Number).ToArray();
            _first = numbers.Length > 0 ? numbers[0] : double.NaN;
            _second = numbers.Length > 1 ? numbers[1] : double.NaN;
            _third = numbers.Length > 2 ? numbers[2] : double.NaN;
            (_low, _high) = missing.Range is { } r ? (r.Low, r.High) : (double.NaN, double.NaN);
        }

        // NaN compares false with everything: absent values and an absent range never match.
        public bool Contains(double value) =>
            value == _first || value == _second || value == _third || (value >= _low && value <= _high);
    }
}
