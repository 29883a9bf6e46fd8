using System.Text;

namespace NetHelpfulness.Data;

/// <summary>A syntax error found while splitting a file into CSV records.</summary>
internal readonly record struct CsvSyntaxError(long Line, int FieldNumber, string Expected);

/// <summary>
/// Streams RFC 4180 records from text: quoted fields with doubled quotes, embedded commas and line breaks,
/// LF, CRLF or CR line ends. Blank lines are skipped. It reports, rather than repairs, broken quoting.
/// </summary>
/// <remarks>
/// Line numbers are physical lines (a quoted line break advances them), so an error points where an editor shows it.
/// After a syntax error the reader skips to the end of that physical line and carries on, so that a file's
/// other problems can still be reported.
/// </remarks>
internal sealed class CsvRecordReader
{
    /// <summary>Fields longer than this are refused rather than buffered without bound.</summary>
    public const int MaxFieldLength = 1 << 20;

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[1 << 16];
    private readonly StringBuilder _field = new();
    private int _position;
    private int _length;
    private long _line = 1;

    public CsvRecordReader(TextReader reader) => _reader = reader;

    /// <summary>
    /// Reads the next record into <paramref name="fields"/>. Returns false at the end of the input.
    /// When the record is malformed, <paramref name="error"/> is set and <paramref name="fields"/> holds what was read.
    /// </summary>
    /// <exception cref="DecoderFallbackException">The input is not valid in its encoding.</exception>
    public bool TryRead(List<string> fields, out long recordLine, out CsvSyntaxError? error)
    {
        fields.Clear();
        error = null;
        SkipBlankLines();
        recordLine = _line;
        if (Peek() < 0)
        {
            return false;
        }

        while (true)
        {
            _field.Clear();
            var fieldNumber = fields.Count + 1;
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
                        if (Peek() == '"')
                        {
                            Advance();
                            Append('"', fieldNumber, ref error);
                            continue;
                        }

                        break;
                    }

                    Append((char)c, fieldNumber, ref error);
                    if (c == '\r' || c == '\n')
                    {
                        _line++;
                        if (c == '\r' && Peek() == '\n')
                        {
                            Advance();
                            Append('\n', fieldNumber, ref error);
                        }
                    }

                    if (error is not null)
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
                while ((c = Peek()) >= 0 && c != ',' && c != '\r' && c != '\n')
                {
                    if (c == '"')
                    {
                        error = new CsvSyntaxError(_line, fieldNumber, "no quote inside an unquoted field (quote the whole field and write inner quotes twice)");
                        SkipRestOfLine();
                        return true;
                    }

                    Advance();
                    Append((char)c, fieldNumber, ref error);
                    if (error is not null)
                    {
                        SkipRestOfLine();
                        return true;
                    }
                }
            }

            fields.Add(_field.ToString());
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

    private void Append(char c, int fieldNumber, ref CsvSyntaxError? error)
    {
        if (_field.Length >= MaxFieldLength)
        {
            error ??= new CsvSyntaxError(_line, fieldNumber, $"a field shorter than {MaxFieldLength} characters");
            return;
        }

        _field.Append(c);
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
