using System.Buffers.Binary;
using System.Globalization;

namespace NetHelpfulness.Data.Spss;

/// <summary>Builds the located errors of the SPSS reader: file, byte offset, what was found and what was expected.</summary>
internal static class SpssErrors
{
    public static SurveyDataException At(string source, long offset, string found, string expected, string variable = "") =>
        new(new DataIssue(source, 0, variable, found, expected) { ByteOffset = offset });

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// Buffered, forward reading of a system file with the file's byte order, tracking the byte offset for messages.
/// Every read is checked against the end of the file, so a truncated file is a located error, never an exception of
/// the stream or an index out of range, and a length read from the file is validated before anything is allocated.
/// </summary>
internal sealed class SpssByteReader : IDisposable
{
    /// <summary>The largest dictionary record buffered whole (256 MiB).</summary>
    public const long MaxRecordBytes = 1 << 28;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly bool _ownsStream;
    private long _bufferStart;
    private int _position;
    private int _length;

    public SpssByteReader(Stream stream, string source, bool ownsStream)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        Source = source;
        Length = stream.Length;
        _bufferStart = stream.Position;
    }

    public string Source { get; }

    /// <summary>The file's length in bytes.</summary>
    public long Length { get; }

    /// <summary>True when integers and floating-point numbers are big-endian.</summary>
    public bool BigEndian { get; set; }

    /// <summary>Offset of the next byte to be read.</summary>
    public long Position => _bufferStart + _position;

    /// <summary>Bytes left before the end of the file.</summary>
    public long Remaining => Length - Position;

    public void Dispose()
    {
        if (_ownsStream)
        {
            _stream.Dispose();
        }
    }

    /// <summary>Moves to an absolute offset (for the ZLIB trailer and blocks).</summary>
    public void Seek(long offset)
    {
        if (offset >= _bufferStart && offset <= _bufferStart + _length)
        {
            _position = (int)(offset - _bufferStart);
            return;
        }

        _stream.Position = offset;
        _bufferStart = offset;
        _position = 0;
        _length = 0;
    }

    /// <summary>Reads up to <c>destination.Length</c> bytes; fewer only at the end of the file.</summary>
    public int ReadAtMost(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            if (_position == _length && !Fill())
            {
                break;
            }

            var n = Math.Min(_length - _position, destination.Length - total);
            _buffer.AsSpan(_position, n).CopyTo(destination[total..]);
            _position += n;
            total += n;
        }

        return total;
    }

    /// <summary>Reads exactly <c>destination.Length</c> bytes, or fails naming what was being read.</summary>
    public void ReadExactly(Span<byte> destination, string expected)
    {
        var start = Position;
        var got = ReadAtMost(destination);
        if (got < destination.Length)
        {
            throw Truncated(start, got, destination.Length, expected);
        }
    }

    public int ReadInt32(string expected)
    {
        Span<byte> bytes = stackalloc byte[4];
        ReadExactly(bytes, expected);
        return BigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes);
    }

    public long ReadInt64(string expected)
    {
        Span<byte> bytes = stackalloc byte[8];
        ReadExactly(bytes, expected);
        return BigEndian ? BinaryPrimitives.ReadInt64BigEndian(bytes) : BinaryPrimitives.ReadInt64LittleEndian(bytes);
    }

    public double ReadDouble(string expected)
    {
        Span<byte> bytes = stackalloc byte[8];
        ReadExactly(bytes, expected);
        return BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes);
    }

    /// <summary>Reads <paramref name="count"/> bytes after checking that the file has them (so a corrupt length allocates nothing).</summary>
    public byte[] ReadBytes(long count, string expected)
    {
        RequireAvailable(count, expected);
        if (count > MaxRecordBytes)
        {
            // Dictionary records are small; a length this large in a big file is corruption, not a record to buffer.
            throw SpssErrors.At(Source, Position, $"a length of {SpssErrors.Number(count)} bytes", $"{expected} of at most {SpssErrors.Number(MaxRecordBytes)} bytes");
        }

        var bytes = new byte[count];
        ReadExactly(bytes, expected);
        return bytes;
    }

    /// <summary>Skips <paramref name="count"/> bytes that the file must have.</summary>
    public void Skip(long count, string expected)
    {
        RequireAvailable(count, expected);
        Seek(Position + count);
    }

    /// <summary>Fails unless <paramref name="count"/> more bytes exist (a length field read from the file is checked before use).</summary>
    public void RequireAvailable(long count, string expected)
    {
        if (count < 0 || count > Remaining)
        {
            throw count < 0
                ? SpssErrors.At(Source, Position, $"a length of {SpssErrors.Number(count)}", expected)
                : SpssErrors.At(Source, Position, "the end of the file",
                    $"{expected}: {SpssErrors.Number(count)} bytes, but {SpssErrors.Number(Remaining)} are left (truncated, or a corrupt length)");
        }
    }

    /// <summary>Decodes a number from 8 bytes in the file's byte order.</summary>
    public double Double(ReadOnlySpan<byte> bytes) =>
        BigEndian ? BinaryPrimitives.ReadDoubleBigEndian(bytes) : BinaryPrimitives.ReadDoubleLittleEndian(bytes);

    public int Int32(ReadOnlySpan<byte> bytes) =>
        BigEndian ? BinaryPrimitives.ReadInt32BigEndian(bytes) : BinaryPrimitives.ReadInt32LittleEndian(bytes);

    public SurveyDataException Truncated(long start, int got, int wanted, string expected) =>
        SpssErrors.At(Source, start + got, "the end of the file",
            got == 0 ? expected : $"{expected} ({SpssErrors.Number(got)} of its {SpssErrors.Number(wanted)} bytes are there)");

    private bool Fill()
    {
        _bufferStart += _length;
        _position = 0;
        _length = 0;
        var remaining = Length - _bufferStart;
        if (remaining <= 0)
        {
            return false;
        }

        var toRead = (int)Math.Min(_buffer.Length, remaining);
        while (_length < toRead)
        {
            var n = _stream.Read(_buffer, _length, toRead - _length);
            if (n == 0)
            {
                break;
            }

            _length += n;
        }

        return _length > 0;
    }
}
