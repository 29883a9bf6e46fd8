using System.Buffers.Binary;
using System.IO.Compression;

namespace NetHelpfulness.Data.Spss;

/// <summary>Fills one case's 8-byte elements at a time from the data record.</summary>
internal abstract class CaseDecoder : IDisposable
{
    /// <summary>Reads the next case into <paramref name="elements"/>; false at a clean end of the data.</summary>
    /// <param name="elements">8 bytes per element of the case.</param>
    /// <param name="caseOffset">Byte offset where the case starts (see <see cref="SpssCaseReader.CaseOffset"/>).</param>
    public abstract bool ReadCase(Span<byte> elements, out long caseOffset);

    public virtual void Dispose()
    {
    }
}

/// <summary>Uncompressed data: each case is its elements, 8 bytes each, in the file's byte order.</summary>
internal sealed class UncompressedDecoder(SpssByteReader input) : CaseDecoder
{
    public override bool ReadCase(Span<byte> elements, out long caseOffset)
    {
        caseOffset = input.Position;
        var got = input.ReadAtMost(elements);
        if (got == 0)
        {
            return false;
        }

        if (got < elements.Length)
        {
            throw input.Truncated(caseOffset, got, elements.Length, $"a whole case of {elements.Length} bytes");
        }

        return true;
    }
}

/// <summary>A source of bytecode-compressed data: the file itself, or the decompressed ZLIB blocks.</summary>
internal interface IBytecodeInput : IDisposable
{
    /// <summary>Reads up to <c>destination.Length</c> bytes; 0 at the end of the data.</summary>
    int Read(Span<byte> destination);

    /// <summary>Offset of the next byte: in the file, or for ZLIB data in the decompressed stream as the format counts it.</summary>
    long Position { get; }

    /// <summary>A located error at <paramref name="offset"/> (an offset as <see cref="Position"/> gives them).</summary>
    SurveyDataException Error(long offset, string found, string expected, string variable = "");
}

/// <summary>Bytecode data read straight from the file.</summary>
internal sealed class FileBytecodeInput(SpssByteReader input) : IBytecodeInput
{
    public long Position => input.Position;

    public int Read(Span<byte> destination) => input.ReadAtMost(destination);

    public SurveyDataException Error(long offset, string found, string expected, string variable = "") => SpssErrors.At(input.Source, offset, found, expected, variable);

    public void Dispose()
    {
    }
}

/// <summary>
/// Bytecode compression: blocks of 8 command bytes, each followed by the 8-byte values its code-253 commands need.
/// </summary>
/// <remarks>
/// GNU PSPP manual, "System File Format", "Data Record": code 0 is padding, 1–251 the number code − bias, 252 the end
/// of the data, 253 a value stored raw after the command block, 254 an 8-byte string of spaces, 255 system-missing.
/// Command blocks run on across cases. The decoder reads its input in 64 KiB chunks and walks it byte by byte.
/// </remarks>
internal sealed class BytecodeDecoder : CaseDecoder
{
    private readonly IBytecodeInput _input;
    private readonly VariableElementKinds _kinds;
    private readonly double _bias;
    private readonly bool _bigEndian;
    private readonly double _systemMissing;
    private readonly byte[] _buffer = new byte[1 << 16];
    private readonly byte[] _commands = new byte[8];
    private long _bufferStart;
    private int _position, _length;
    private int _command = 8;
    private long _commandsAt;
    private bool _ended;

    public BytecodeDecoder(IBytecodeInput input, VariableElementKinds kinds, double bias, bool bigEndian, double systemMissing)
    {
        _input = input;
        _kinds = kinds;
        _bias = bias;
        _bigEndian = bigEndian;
        _systemMissing = systemMissing;
        _bufferStart = input.Position;
    }

    private long Position => _bufferStart + _position;

    public override bool ReadCase(Span<byte> elements, out long caseOffset)
    {
        caseOffset = Position;
        if (_ended)
        {
            return false;
        }

        var count = elements.Length / 8;
        for (var e = 0; e < count; e++)
        {
            var element = elements.Slice(e * 8, 8);
            while (true)
            {
                if (_command == 8)
                {
                    var blockAt = Position;
                    var got = Take(_commands);
                    if (got == 0 && e == 0)
                    {
                        _ended = true;
                        return false;
                    }

                    if (got < 8)
                    {
                        throw _input.Error(blockAt + got, "the end of the data",
                            e == 0 ? $"a whole block of 8 command bytes ({got} are there)" : $"the rest of the case (element {e + 1} of {count}): the data end inside a case",
                            e == 0 ? "" : _kinds.NameOf(e));
                    }

                    _command = 0;
                    _commandsAt = blockAt;
                }

                var codeAt = _commandsAt + _command;
                var code = _commands[_command++];
                if (e == 0)
                {
                    caseOffset = codeAt;
                }

                if (code == 0)
                {
                    continue; // padding
                }

                var numeric = _kinds.IsNumeric(e);
                switch (code)
                {
                    case 252:
                        if (e == 0)
                        {
                            _ended = true;
                            return false;
                        }

                        throw _input.Error(codeAt, "the end-of-data code 252", $"the rest of the case (element {e + 1} of {count}): the data end inside a case", _kinds.NameOf(e));
                    case 253:
                        var rawAt = Position;
                        var got = Take(element);
                        if (got < 8)
                        {
                            throw _input.Error(rawAt + got, "the end of the data", "an 8-byte value stored after its command block (code 253)", _kinds.NameOf(e));
                        }

                        break;
                    case 254:
                        if (numeric)
                        {
                            throw _input.Error(codeAt, "code 254 (spaces)", "a code for a number (1–251, 253, 255)", _kinds.NameOf(e));
                        }

                        element.Fill((byte)' ');
                        break;
                    case 255:
                        if (!numeric)
                        {
                            throw _input.Error(codeAt, "code 255 (system-missing)", "a code for string data (253, 254)", _kinds.NameOf(e));
                        }

                        WriteDouble(element, _systemMissing);
                        break;
                    default:
                        // A compressed number; in a string (seen in the wild for code − bias = 0) its bytes are the number's.
                        WriteDouble(element, code - _bias);
                        break;
                }

                break;
            }
        }

        return true;
    }

    public override void Dispose()
    {
        _input.Dispose();
        base.Dispose();
    }

    private void WriteDouble(Span<byte> destination, double value)
    {
        if (_bigEndian)
        {
            BinaryPrimitives.WriteDoubleBigEndian(destination, value);
        }
        else
        {
            BinaryPrimitives.WriteDoubleLittleEndian(destination, value);
        }
    }

    private int Take(Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            if (_position == _length)
            {
                _bufferStart += _length;
                _position = 0;
                _length = _input.Read(_buffer);
                if (_length == 0)
                {
                    break;
                }
            }

            var n = Math.Min(_length - _position, destination.Length - total);
            if (n == 1)
            {
                destination[total] = _buffer[_position];
            }
            else
            {
                _buffer.AsSpan(_position, n).CopyTo(destination[total..]);
            }

            _position += n;
            total += n;
        }

        return total;
    }
}

/// <summary>Which of a case's elements are numeric (the rest are string bytes), and which variable each belongs to.</summary>
internal sealed class VariableElementKinds(bool[] numeric, string[] names)
{
    public bool IsNumeric(int element) => numeric[element];

    public string NameOf(int element) => names[element];
}

/// <summary>
/// ZLIB-compressed data (.zsav): a header, blocks that each inflate to bytecode data, and a trailer that lists the
/// blocks. The trailer is read and checked first; then each block is inflated in turn through a bounded stream, so at
/// most one block's decompressor is open and nothing is held beyond a 64 KiB buffer.
/// </summary>
/// <remarks>GNU PSPP manual, "System File Format", "Data Record", compression 2.</remarks>
internal sealed class ZlibBytecodeInput : IBytecodeInput
{
    private readonly SpssByteReader _file;
    private readonly List<Block> _blocks;
    private int _block = -1;
    private long _produced;
    private ZLibStream? _inflater;

    private ZlibBytecodeInput(SpssByteReader file, List<Block> blocks)
    {
        _file = file;
        _blocks = blocks;
        Position = blocks.Count > 0 ? blocks[0].UncompressedOffset : 0;
    }

    public long Position { get; private set; }

    public static ZlibBytecodeInput Open(SpssByteReader file, double bias)
    {
        var headerAt = file.Position;
        var zheader = file.ReadInt64("zheader_ofs of the ZLIB data header");
        var ztrailer = file.ReadInt64("ztrailer_ofs of the ZLIB data header");
        var trailerLength = file.ReadInt64("ztrailer_len of the ZLIB data header");
        if (zheader != headerAt)
        {
            throw SpssErrors.At(file.Source, headerAt, $"zheader_ofs {zheader}", $"{headerAt}, the offset of the ZLIB data header itself");
        }

        if (ztrailer < headerAt + 24 || trailerLength < 24 || trailerLength % 24 != 0 || ztrailer > file.Length - trailerLength
            || ztrailer + trailerLength != file.Length)
        {
            throw SpssErrors.At(file.Source, headerAt + 8, $"ztrailer_ofs {ztrailer} and ztrailer_len {trailerLength}",
                $"a trailer of 24 bytes per block plus 24 that ends the file at byte {file.Length} (the file may be truncated)");
        }

        file.Seek(ztrailer);
        var intBias = file.ReadInt64("int_bias of the ZLIB trailer");
        file.ReadInt64("the zero field of the ZLIB trailer");
        var blockSizeAt = file.Position;
        var blockSize = file.ReadInt32("block_size of the ZLIB trailer");
        var blockCount = file.ReadInt32("n_blocks of the ZLIB trailer");
        if (intBias != -(long)bias)
        {
            throw SpssErrors.At(file.Source, ztrailer, $"int_bias {intBias}", $"{-(long)bias}, minus the header's compression bias");
        }

        if (blockSize is <= 0 or > (1 << 30) || blockCount != (trailerLength - 24) / 24)
        {
            throw SpssErrors.At(file.Source, blockSizeAt, $"block_size {blockSize}, n_blocks {blockCount}",
                $"a positive block size and {(trailerLength - 24) / 24} blocks, as ztrailer_len says");
        }

        var blocks = new List<Block>(blockCount);
        long expectedUncompressed = headerAt, expectedCompressed = headerAt + 24;
        for (var i = 0; i < blockCount; i++)
        {
            var at = file.Position;
            var uncompressedOffset = file.ReadInt64("uncompressed_ofs of a ZLIB block descriptor");
            var compressedOffset = file.ReadInt64("compressed_ofs of a ZLIB block descriptor");
            var uncompressedSize = file.ReadInt32("uncompressed_size of a ZLIB block descriptor");
            var compressedSize = file.ReadInt32("compressed_size of a ZLIB block descriptor");
            var last = i == blockCount - 1;
            if (uncompressedOffset != expectedUncompressed || compressedOffset != expectedCompressed || compressedSize <= 0
                || uncompressedSize <= 0 || uncompressedSize > blockSize || (!last && uncompressedSize != blockSize)
                || compressedOffset + compressedSize > ztrailer || (last && compressedOffset + compressedSize != ztrailer))
            {
                throw SpssErrors.At(file.Source, at,
                    $"block {i + 1}: uncompressed_ofs {uncompressedOffset}, compressed_ofs {compressedOffset}, sizes {uncompressedSize} and {compressedSize}",
                    $"uncompressed_ofs {expectedUncompressed} and compressed_ofs {expectedCompressed}, blocks of {blockSize} bytes (the last may be smaller) ending at the trailer (byte {ztrailer})");
            }

            blocks.Add(new Block(uncompressedOffset, compressedOffset, uncompressedSize, compressedSize));
            expectedUncompressed += uncompressedSize;
            expectedCompressed += compressedSize;
        }

        return new ZlibBytecodeInput(file, blocks);
    }

    public int Read(Span<byte> destination)
    {
        while (true)
        {
            if (_inflater is null)
            {
                if (_block + 1 >= _blocks.Count)
                {
                    return 0;
                }

                _block++;
                var block = _blocks[_block];
                _file.Seek(block.CompressedOffset);
                _inflater = new ZLibStream(new BoundedStream(_file, block.CompressedSize), CompressionMode.Decompress);
                _produced = 0;
                Position = block.UncompressedOffset;
            }

            var current = _blocks[_block];
            var wanted = (int)Math.Min(destination.Length, current.UncompressedSize - _produced + 1);
            int n;
            try
            {
                n = _inflater.Read(destination[..wanted]);
            }
            catch (InvalidDataException e)
            {
                throw Error(Position, "data that do not inflate", $"ZLIB-compressed data in block {_block + 1} ({e.Message})");
            }

            if (_produced + n > current.UncompressedSize)
            {
                throw Error(Position, "more data than the block descriptor states", $"{current.UncompressedSize} bytes from ZLIB block {_block + 1}");
            }

            if (n == 0)
            {
                if (_produced != current.UncompressedSize)
                {
                    throw Error(Position, $"{_produced} bytes", $"{current.UncompressedSize} bytes from ZLIB block {_block + 1}, as its descriptor states");
                }

                _inflater.Dispose();
                _inflater = null;
                continue;
            }

            _produced += n;
            Position += n;
            return n;
        }
    }

    public SurveyDataException Error(long offset, string found, string expected, string variable = "")
    {
        var block = _blocks.FindLastIndex(b => b.UncompressedOffset <= offset);
        var where = block < 0 ? "" : $" (an offset into the inflated data, as the ZLIB block descriptors count it; block {block + 1} is stored at byte {_blocks[block].CompressedOffset})";
        return SpssErrors.At(_file.Source, offset, found, expected + where, variable);
    }

    public void Dispose() => _inflater?.Dispose();

    private sealed record Block(long UncompressedOffset, long CompressedOffset, int UncompressedSize, int CompressedSize);

    /// <summary>A read-only window of the file of a fixed length, so that the inflater cannot read past its block.</summary>
    private sealed class BoundedStream(SpssByteReader file, long length) : Stream
    {
        private long _left = length;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = file.ReadAtMost(buffer[..(int)Math.Min(buffer.Length, _left)]);
            _left -= n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
