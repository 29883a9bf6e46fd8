using System.Text;

namespace NetHelpfulness.Data.Spss;

/// <summary>
/// An SPSS system file (.sav, .zsav) opened for reading: its dictionary at once, its cases through a forward-only
/// cursor (<see cref="ReadCases"/>), so that a file of any size is read in bounded memory.
/// </summary>
/// <remarks>
/// <para>
/// Written from the documented format: GNU PSPP manual, appendix "System File Format" (the pspp-dev manual of GNU PSPP
/// 1.6; <c>info pspp-dev "System File Format"</c>). Reads uncompressed, bytecode-compressed and ZLIB-compressed files,
/// little- and big-endian (from <c>layout_code</c>), numeric and string variables including very long strings,
/// variable labels, value labels, user-missing values (discrete values and ranges, LO and HI included), measurement
/// levels, and the character encoding (record 7/20, else the code page of record 7/3, else windows-1252).
/// See <c>docs/spss.md</c>.
/// </para>
/// <para>
/// A truncated or corrupt file raises <see cref="SurveyDataException"/> whose issue names the file, the byte offset
/// (<see cref="DataIssue.ByteOffset"/>), what was found and what was expected. Every count and length read from the
/// file is checked against the bytes that remain, so no loop outlives the file.
/// </para>
/// </remarks>
public sealed class SpssFile : IDisposable
{
    private readonly SpssByteReader _input;
    private readonly SpssDictionary _dictionary;
    private readonly Dictionary<string, int> _byName;
    private SpssCaseReader? _reader;

    private SpssFile(SpssByteReader input, SpssDictionary dictionary)
    {
        _input = input;
        _dictionary = dictionary;
        _byName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in dictionary.Variables)
        {
            _byName[v.Name] = v.Index;
        }
    }

    /// <summary>The file's name as given.</summary>
    public string Source => _input.Source;

    /// <summary>The variables, in file order (very long strings as one variable each).</summary>
    public IReadOnlyList<SpssVariable> Variables => _dictionary.Variables;

    /// <summary>The number of cases the header states (or record 7/16), or null when the writer did not know it.</summary>
    public long? CaseCount => _dictionary.CaseCount;

    /// <summary>The encoding of the file's text (names, labels, string values).</summary>
    public Encoding Encoding => _dictionary.Encoding;

    /// <summary>How the data are compressed.</summary>
    public SpssCompression Compression => _dictionary.Compression;

    /// <summary>True for a big-endian file.</summary>
    public bool IsBigEndian => _dictionary.BigEndian;

    /// <summary>The weight variable the file names (<c>WEIGHT BY</c>), or null.</summary>
    public SpssVariable? WeightVariable => _dictionary.WeightIndex is { } i ? Variables[i] : null;

    /// <summary>The product that wrote the file, e.g. <c>@(#) SPSS DATA FILE GNU pspp 1.6.2 - x86_64-pc-linux-gnu</c>.</summary>
    public string ProductName => _dictionary.ProductName;

    /// <summary>The file label (<c>FILE LABEL</c>), or empty.</summary>
    public string FileLabel => _dictionary.FileLabel;

    /// <summary>Creation date and time as the header states them (<c>dd mmm yy</c>, <c>hh:mm:ss</c>).</summary>
    public string Created => _dictionary.CreationDate + " " + _dictionary.CreationTime;

    /// <summary>The document lines (record 6), trailing spaces removed.</summary>
    public IReadOnlyList<string> Documents => _dictionary.Documents;

    /// <summary>Opens a file and reads its dictionary.</summary>
    /// <exception cref="SurveyDataException">The file is missing, not a system file, truncated or corrupt.</exception>
    public static SpssFile Open(string path)
    {
        var stream = TextInput.OpenRead(path);
        try
        {
            return Open(stream, path, ownsStream: true);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the dictionary from a seekable stream; <paramref name="source"/> names it in messages. The stream is left open.</summary>
    /// <exception cref="ArgumentException">The stream cannot seek (the ZLIB trailer and the file's length are needed).</exception>
    /// <exception cref="SurveyDataException">The data are not a system file, or are truncated or corrupt.</exception>
    public static SpssFile Open(Stream stream, string source) => Open(stream, source, ownsStream: false);

    private static SpssFile Open(Stream stream, string source, bool ownsStream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || !stream.CanRead)
        {
            throw new ArgumentException("an SPSS system file is read from a readable, seekable stream", nameof(stream));
        }

        var input = new SpssByteReader(stream, source, ownsStream);
        try
        {
            return new SpssFile(input, SpssDictionaryReader.Read(input));
        }
        catch (IOException e)
        {
            throw SpssErrors.At(source, input.Position, "a read error (" + e.Message + ")", "a readable file");
        }
    }

    /// <summary>The index of the variable with this name (case-insensitive, as SPSS names are), or -1.</summary>
    public int IndexOf(string name) => _byName.TryGetValue(name, out var i) ? i : -1;

    /// <summary>The variable with this name (case-insensitive), or null.</summary>
    public SpssVariable? Variable(string name) => IndexOf(name) is var i and >= 0 ? Variables[i] : null;

    /// <summary>
    /// A cursor over the cases from the first. One cursor at a time: a new one ends the previous one.
    /// </summary>
    /// <exception cref="SurveyDataException">The ZLIB header or trailer is corrupt.</exception>
    public SpssCaseReader ReadCases()
    {
        _reader?.Close();
        _input.Seek(_dictionary.DataOffset);
        var numeric = new bool[_dictionary.ElementCount];
        var names = new string[_dictionary.ElementCount];
        Array.Fill(names, "");
        for (var i = 0; i < _dictionary.Layout.Length; i++)
        {
            var v = _dictionary.Layout[i];
            numeric[v.FirstElement] = v.IsNumeric;
            // Every element of a string, its segments included, belongs to it.
            var last = v.IsNumeric ? v.FirstElement : v.Segments.Max(s => (s.ByteOffset + s.Length - 1) / 8);
            for (var e = v.FirstElement; e <= last; e++)
            {
                names[e] = Variables[i].Name;
            }
        }

        var kinds = new VariableElementKinds(numeric, names);

        CaseDecoder decoder = _dictionary.Compression switch
        {
            SpssCompression.None => new UncompressedDecoder(_input),
            SpssCompression.Bytecode => new BytecodeDecoder(new FileBytecodeInput(_input), kinds, _dictionary.Bias,
                _dictionary.BigEndian, _dictionary.SystemMissing),
            _ => new BytecodeDecoder(ZlibBytecodeInput.Open(_input, _dictionary.Bias), kinds, _dictionary.Bias,
                _dictionary.BigEndian, _dictionary.SystemMissing),
        };
        _reader = new SpssCaseReader(this, _dictionary, decoder);
        return _reader;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        _reader?.Close();
        _input.Dispose();
    }
}
