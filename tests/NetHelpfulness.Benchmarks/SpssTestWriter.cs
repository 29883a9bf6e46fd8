using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using NetHelpfulness.Data.Spss;

namespace NetHelpfulness.Benchmarks;

/// <summary>
/// A minimal SPSS system-file writer for the benchmark's large files only (the tests read files written by PSPP and
/// haven, never by this): numeric and short string variables, value labels, user-missing values, a weight, long names,
/// UTF-8; uncompressed, bytecode-compressed or ZLIB-compressed; little-endian. From the GNU PSPP manual, "System File
/// Format". PSPP 1.6.2 reads its output without a warning (checked when it was written).
/// </summary>
internal sealed class SpssTestWriter : IDisposable
{
    private const double Bias = 100;
    private const int ZlibBlockSize = 0x3FF000;
    private readonly Stream _out;
    private readonly IReadOnlyList<Column> _columns;
    private readonly SpssCompression _compression;
    private readonly byte[] _commands = new byte[8];
    private readonly MemoryStream _raw = new();
    private readonly MemoryStream _block = new();
    private readonly List<(long UncompressedOffset, long CompressedOffset, int UncompressedSize, int CompressedSize)> _zblocks = [];
    private int _command;
    private long _zheaderOffset;
    private long _uncompressedOffset;

    /// <summary>A variable: width 0 for numeric, 1–8 for a short string.</summary>
    public sealed record Column(string Name, int Width, string? Label = null, IReadOnlyList<(double Value, string Label)>? ValueLabels = null,
        IReadOnlyList<double>? MissingValues = null);

    public SpssTestWriter(string path, IReadOnlyList<Column> columns, SpssCompression compression, long cases, int weightIndex)
    {
        _out = new BufferedStream(File.Create(path), 1 << 20);
        _columns = columns;
        _compression = compression;
        WriteDictionary(cases, weightIndex);
    }

    /// <summary>Writes one case: a double per numeric column (NaN for system-missing), a string per string column.</summary>
    public void WriteCase(ReadOnlySpan<double> numbers, ReadOnlySpan<string> strings)
    {
        int n = 0, s = 0;
        Span<byte> element = stackalloc byte[8];
        foreach (var c in _columns)
        {
            if (c.Width == 0)
            {
                var x = numbers[n++];
                if (_compression == SpssCompression.None)
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(element, double.IsNaN(x) ? -double.MaxValue : x);
                    Data(element);
                }
                else if (double.IsNaN(x))
                {
                    Command(255);
                }
                else if (x == Math.Floor(x) && x >= 1 - Bias && x <= 251 - Bias)
                {
                    Command((byte)(x + Bias));
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(element, x);
                    Raw(element);
                }
            }
            else
            {
                element.Fill((byte)' ');
                Encoding.UTF8.GetBytes(strings[s++], element);
                if (_compression == SpssCompression.None)
                {
                    Data(element);
                }
                else if (element.IndexOfAnyExcept((byte)' ') < 0)
                {
                    Command(254);
                }
                else
                {
                    Raw(element);
                }
            }
        }
    }

    public void Dispose()
    {
        if (_compression != SpssCompression.None)
        {
            if (_command > 0)
            {
                Command(252);
                while (_command != 0)
                {
                    Command(0);
                }
            }

            if (_compression == SpssCompression.Zlib)
            {
                FlushZlib(force: true);
                WriteTrailer();
            }
        }

        _out.Dispose();
    }

    private void WriteDictionary(long cases, int weightIndex)
    {
        Chars(_compression == SpssCompression.Zlib ? "$FL3" : "$FL2", 4);
        Chars("@(#) SPSS DATA FILE NetHelpfulness benchmark writer", 60);
        Int(2);
        Int(_columns.Count);
        Int(_compression switch { SpssCompression.None => 0, SpssCompression.Bytecode => 1, _ => 2 });
        Int(weightIndex + 1);
        Int((int)cases);
        Double(Bias);
        Chars("01 Jan 70", 9);
        Chars("00:00:00", 8);
        Chars("", 64);
        Chars("", 3);
        for (var i = 0; i < _columns.Count; i++)
        {
            var c = _columns[i];
            Int(2);
            Int(c.Width);
            Int(c.Label is null ? 0 : 1);
            Int(c.MissingValues?.Count ?? 0);
            var format = c.Width == 0 ? (5 << 16) | (8 << 8) | 2 : (1 << 16) | (c.Width << 8);
            Int(format);
            Int(format);
            Chars(ShortName(i), 8);
            if (c.Label is { } label)
            {
                var bytes = Encoding.UTF8.GetBytes(label);
                Int(bytes.Length);
                _out.Write(bytes);
                _out.Write(new byte[((bytes.Length + 3) / 4 * 4) - bytes.Length]);
            }

            foreach (var m in c.MissingValues ?? [])
            {
                Double(m);
            }
        }

        // One value-label set per distinct list of labels.
        foreach (var group in _columns.Select((c, i) => (c, i)).Where(p => p.c.ValueLabels is not null).GroupBy(p => p.c.ValueLabels))
        {
            Int(3);
            Int(group.Key!.Count);
            foreach (var (value, label) in group.Key)
            {
                Double(value);
                var bytes = Encoding.UTF8.GetBytes(label);
                _out.WriteByte((byte)bytes.Length);
                _out.Write(bytes);
                _out.Write(new byte[((bytes.Length + 1 + 7) / 8 * 8) - bytes.Length - 1]);
            }

            Int(4);
            Int(group.Count());
            foreach (var (_, index) in group)
            {
                Int(index + 1);
            }
        }

        Extension(3, 4, [1, 0, 0, -1, 1, 1, 2, 65001]);
        Int(7);
        Int(4);
        Int(8);
        Int(3);
        Double(-double.MaxValue);
        Double(double.MaxValue);
        Double(-double.MaxValue);
        var names = Encoding.UTF8.GetBytes(string.Join('\t', _columns.Select((c, i) => ShortName(i) + "=" + c.Name)));
        Int(7);
        Int(13);
        Int(1);
        Int(names.Length);
        _out.Write(names);
        Int(7);
        Int(20);
        Int(1);
        Int(5);
        Chars("UTF-8", 5);
        Int(999);
        Int(0);
        if (_compression == SpssCompression.Zlib)
        {
            _out.Flush();
            _zheaderOffset = _out.Position;
            _uncompressedOffset = _zheaderOffset;
            _out.Write(new byte[24]); // the ZLIB header, written last
        }
    }

    private static string ShortName(int index) => "V" + (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private void Extension(int subtype, int size, int[] values)
    {
        Int(7);
        Int(subtype);
        Int(size);
        Int(values.Length);
        foreach (var v in values)
        {
            Int(v);
        }
    }

    private void Command(byte code)
    {
        _commands[_command++] = code;
        if (_command == 8)
        {
            Data(_commands);
            Data(_raw.GetBuffer().AsSpan(0, (int)_raw.Length));
            _raw.SetLength(0);
            _command = 0;
        }
    }

    private void Raw(ReadOnlySpan<byte> value)
    {
        _raw.Write(value);
        Command(253);
    }

    private void Data(ReadOnlySpan<byte> bytes)
    {
        if (_compression != SpssCompression.Zlib)
        {
            _out.Write(bytes);
            return;
        }

        _block.Write(bytes);
        FlushZlib(force: false);
    }

    private void FlushZlib(bool force)
    {
        while (_block.Length >= ZlibBlockSize || (force && _block.Length > 0))
        {
            var size = (int)Math.Min(ZlibBlockSize, _block.Length);
            var compressed = new MemoryStream();
            using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                z.Write(_block.GetBuffer().AsSpan(0, size));
            }

            var offset = _zblocks.Count == 0 ? _zheaderOffset + 24 : _zblocks[^1].CompressedOffset + _zblocks[^1].CompressedSize;
            _zblocks.Add((_uncompressedOffset, offset, size, (int)compressed.Length));
            _uncompressedOffset += size;
            _out.Write(compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
            var rest = _block.GetBuffer().AsSpan(size, (int)_block.Length - size).ToArray();
            _block.SetLength(0);
            _block.Write(rest);
        }
    }

    private void WriteTrailer()
    {
        _out.Flush();
        var trailerOffset = _out.Position;
        Long(-(long)Bias);
        Long(0);
        Int(ZlibBlockSize);
        Int(_zblocks.Count);
        foreach (var b in _zblocks)
        {
            Long(b.UncompressedOffset);
            Long(b.CompressedOffset);
            Int(b.UncompressedSize);
            Int(b.CompressedSize);
        }

        _out.Flush();
        _out.Position = _zheaderOffset;
        Long(_zheaderOffset);
        Long(trailerOffset);
        Long(24 + (24L * _zblocks.Count));
    }

    private void Chars(string text, int width)
    {
        var bytes = new byte[width];
        bytes.AsSpan().Fill((byte)' ');
        Encoding.ASCII.GetBytes(text.AsSpan(0, Math.Min(text.Length, width)), bytes);
        _out.Write(bytes);
    }

    private void Int(int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        _out.Write(b);
    }

    private void Long(long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, value);
        _out.Write(b);
    }

    private void Double(double value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(b, value);
        _out.Write(b);
    }
}
