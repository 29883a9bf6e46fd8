using System.Buffers;
using System.Text;

namespace NetHelpfulness.Data;

/// <summary>A record kept aside by a record source's <c>Save</c>: its characters and where each field ends.</summary>
internal sealed record SavedRecord(char[] Characters, int[] FieldEnds)
{
    /// <summary>Copies a record held as characters and field ends.</summary>
    public static SavedRecord Of(char[] characters, int length, int[] fieldEnds, int fieldCount) =>
        new(characters.AsSpan(0, length).ToArray(), fieldEnds.AsSpan(0, fieldCount).ToArray());

    /// <summary>Copies this record into a source's buffers, growing them as needed.</summary>
    public void CopyTo(ref char[] characters, ref int[] fieldEnds, out int length, out int fieldCount)
    {
        if (characters.Length < Characters.Length)
        {
            characters = new char[Characters.Length];
        }

        if (fieldEnds.Length < FieldEnds.Length)
        {
            fieldEnds = new int[FieldEnds.Length];
        }

        Characters.CopyTo(characters, 0);
        FieldEnds.CopyTo(fieldEnds, 0);
        length = Characters.Length;
        fieldCount = FieldEnds.Length;
    }
}

/// <summary>A syntax error found while splitting a file into CSV records.</summary>
internal readonly record struct CsvSyntaxError(long Line, int FieldNumber, string Expected);

/// <summary>
/// Streams RFC 4180 records from text: quoted fields with doubled quotes, embedded commas and line breaks,
/// LF, CRLF or CR line ends. Blank lines are skipped. It reports, rather than repairs, broken quoting.
/// </summary>
/// <remarks>
/// Line numbers are physical lines (a quoted line break advances them), so an error points where an editor shows it.
/// After a syntax error the reader skips to the end of that physical line and carries on, so that a file's
/// other problems can still be reported. Fields of the current record are exposed as spans into one reused
/// buffer, so reading allocates nothing per field.
/// </remarks>
internal sealed class CsvRecordReader : IRecordSource
{
    /// <summary>Fields longer than this are refused rather than buffered without bound.</summary>
    public const int MaxFieldLength = 1 << 20;

    private static readonly SearchValues<char> FieldEnd = SearchValues.Create(",\r\n\"");

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[1 << 16];
    private char[] _record = new char[256];
    private int _recordLength;
    private int[] _fieldEnds = new int[16];
    private int _fieldCount;
    private int _fieldStart;
    private int _position;
    private int _length;
    private long _line = 1;

    public CsvRecordReader(TextReader reader) => _reader = reader;

    /// <summary>Number of fields in the current record.</summary>
    public int FieldCount => _fieldCount;

    /// <summary>Field <paramref name="index"/> of the current record, valid until the next read.</summary>
    public ReadOnlySpan<char> Field(int index)
    {
        var start = index == 0 ? 0 : _fieldEnds[index - 1];
        return _record.AsSpan(start, _fieldEnds[index] - start);
    }

    /// <summary>The first record, as the header.</summary>
    public bool TryReadHeader(List<string> names, out long location, out CsvSyntaxError? error) => TryRead(names, out location, out error);

    /// <summary>An issue at a line.</summary>
    public DataIssue Issue(string source, long location, string column, string found, string expected) => new(source, location, column, found, expected);

    /// <summary>A copy of the current record, to be made current again later with <see cref="Restore"/>.</summary>
    public SavedRecord Save() => SavedRecord.Of(_record, _recordLength, _fieldEnds, _fieldCount);

    /// <summary>Makes a saved record the current one (its fields are then <see cref="Field"/> until the next read).</summary>
    public void Restore(SavedRecord saved) => saved.CopyTo(ref _record, ref _fieldEnds, out _recordLength, out _fieldCount);

    /// <summary>Reads the next record into <paramref name="fields"/> as strings. Returns false at the end of the input.</summary>
    /// <exception cref="DecoderFallbackException">The input is not valid in its encoding.</exception>
    public bool TryRead(List<string> fields, out long recordLine, out CsvSyntaxError? error)
    {
        fields.Clear();
        if (!TryRead(out recordLine, out error))
        {
            return false;
        }

        for (var i = 0; i < _fieldCount; i++)
        {
            fields.Add(Field(i).ToString());
        }

        return true;
    }

    /// <summary>
    /// Reads the next record; its fields are then <see cref="Field"/>. Returns false at the end of the input.
    /// When the record is malformed, <paramref name="error"/> is set.
    /// </summary>
    /// <exception cref="DecoderFallbackException">The input is not valid in its encoding.</exception>
    public bool TryRead(out long recordLine, out CsvSyntaxError? error)
    {
        _recordLength = 0;
        _fieldCount = 0;
        error = null;
        SkipBlankLines();
        recordLine = _line;
        if (Peek() < 0)
        {
            return false;
        }

        while (true)
        {
            _fieldStart = _recordLength;
            var fieldNumber = _fieldCount + 1;
            int c = Peek();
            if (c == '"')
            {
                Advance();
                var quoteLine = _line;
                while (true)
                {
                    c = Read();
                    if (c < 0)
                    {
                        error = new CsvSyntaxError(quoteLine, fieldNumber, "a closing quote for the quoted field that opens on this line");
                        return true;
                    }

                    if (c == '"')
                    {
                        if (Peek() != '"')
                        {
                            break;
                        }

                        Advance();
                    }
                    else if (c == '\r' || c == '\n')
                    {
                        _line++;
                        if (c == '\r' && Peek() == '\n')
                        {
                            Advance();
                            if (!Append('\r', fieldNumber, ref error))
                            {
                                SkipRestOfLine();
                                return true;
                            }

                            c = '\n';
                        }
                    }

                    if (!Append((char)c, fieldNumber, ref error))
                    {
                        SkipRestOfLine();
                        return true;
                    }
                }

                c = Peek();
                if (c >= 0 && c != ',' && c != '\r' && c != '\n')
                {
                    error = new CsvSyntaxError(_line, fieldNumber, "a comma or a line end after a closing quote (a quote inside a quoted field is written twice)");
                    SkipRestOfLine();
                    return true;
                }
            }
            else
            {
                while (true)
                {
                    if (_position >= _length && Peek() < 0)
                    {
                        break;
                    }

                    var chunk = _buffer.AsSpan(_position, _length - _position);
                    var stop = chunk.IndexOfAny(FieldEnd);
                    var take = stop < 0 ? chunk.Length : stop;
                    if (!Append(chunk[..take], fieldNumber, ref error))
                    {
                        SkipRestOfLine();
                        return true;
                    }

                    _position += take;
                    if (stop >= 0)
                    {
                        break;
                    }
                }

                if (Peek() == '"')
                {
                    error = new CsvSyntaxError(_line, fieldNumber, "no quote inside an unquoted field (quote the whole field and write inner quotes twice)");
                    SkipRestOfLine();
                    return true;
                }
            }

            EndField();
            c = Read();
            if (c == ',')
            {
                continue;
            }

            if (c == '\r' && Peek() == '\n')
            {
                Advance();
            }

            if (c >= 0)
            {
                _line++;
            }

            return true;
        }
    }

    private void EndField()
    {
        if (_fieldCount == _fieldEnds.Length)
        {
            Array.Resize(ref _fieldEnds, _fieldEnds.Length * 2);
        }

        _fieldEnds[_fieldCount++] = _recordLength;
    }

    private bool Append(char c, int fieldNumber, ref CsvSyntaxError? error) => Append([c], fieldNumber, ref error);

    private bool Append(ReadOnlySpan<char> chars, int fieldNumber, ref CsvSyntaxError? error)
    {
        if (_recordLength - _fieldStart + chars.Length > MaxFieldLength)
        {
            error ??= new CsvSyntaxError(_line, fieldNumber, $"a field shorter than {MaxFieldLength} characters");
            return false;
        }

        if (_recordLength + chars.Length > _record.Length)
        {
            Array.Resize(ref _record, Math.Max(_record.Length * 2, _recordLength + chars.Length));
        }

        chars.CopyTo(_record.AsSpan(_recordLength));
        _recordLength += chars.Length;
        return true;
    }

    private void SkipBlankLines()
    {
        while (true)
        {
            int c = Peek();
            if (c == '\n')
            {
                Advance();
                _line++;
            }
            else if (c == '\r')
            {
                Advance();
                if (Peek() == '\n')
                {
                    Advance();
                }

                _line++;
            }
            else
            {
                return;
            }
        }
    }

    private void SkipRestOfLine()
    {
        int c;
        while ((c = Read()) >= 0)
        {
            if (c == '\n' || c == '\r')
            {
                if (c == '\r' && Peek() == '\n')
                {
                    Advance();
                }

                _line++;
                return;
            }
        }
    }

    private int Peek()
    {
        if (_position < _length)
        {
            return _buffer[_position];
        }

        _length = _reader.Read(_buffer, 0, _buffer.Length);
        _position = 0;
        return _length > 0 ? _buffer[0] : -1;
    }

    private void Advance() => _position++;

    private int Read()
    {
        int c = Peek();
        if (c >= 0)
        {
            _position++;
        }

        return c;
    }
}
