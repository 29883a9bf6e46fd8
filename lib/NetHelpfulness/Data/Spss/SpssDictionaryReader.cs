using System.Text;

namespace NetHelpfulness.Data.Spss;

/// <summary>How the data of a system file are compressed.</summary>
public enum SpssCompression
{
    /// <summary>Uncompressed: 8 bytes per value.</summary>
    None,

    /// <summary>Simple bytecode compression (<c>SAVE /COMPRESSED</c>, the default).</summary>
    Bytecode,

    /// <summary>ZLIB-compressed bytecode (<c>.zsav</c>, <c>SAVE /ZCOMPRESSED</c>).</summary>
    Zlib,
}

/// <summary>Where a string variable's bytes sit in a case: one segment, or one per 255 bytes of a very long string.</summary>
internal readonly record struct StringSegment(int ByteOffset, int Length);

/// <summary>Where a variable's value sits in the 8-byte elements of a case.</summary>
internal sealed record VariableLayout(int FirstElement, bool IsNumeric, int Width, StringSegment[] Segments);

/// <summary>Everything read before the data: the dictionary, the file's properties and the data layout.</summary>
internal sealed record SpssDictionary
{
    public required IReadOnlyList<SpssVariable> Variables { get; init; }
    public required VariableLayout[] Layout { get; init; }
    public required int ElementCount { get; init; }
    public required Encoding Encoding { get; init; }
    public required SpssCompression Compression { get; init; }
    public required bool BigEndian { get; init; }
    public required double Bias { get; init; }
    public required double SystemMissing { get; init; }
    public required long? CaseCount { get; init; }
    public required long DataOffset { get; init; }
    public required int? WeightIndex { get; init; }
    public required string ProductName { get; init; }
    public required string FileLabel { get; init; }
    public required string CreationDate { get; init; }
    public required string CreationTime { get; init; }
    public required IReadOnlyList<string> Documents { get; init; }
}

/// <summary>
/// Reads the file header and the dictionary records (types 2, 3/4, 6, 7 and 999) of a system file.
/// </summary>
/// <remarks>
/// Written from the GNU PSPP manual, appendix "System File Format" (pspp-dev): "File Header Record", "Variable
/// Record", "Value Labels Records", "Document Record", the extension records 7/3 (machine integer info), 7/4
/// (floating-point info), 7/11 (display parameters), 7/13 (long variable names), 7/14 (very long strings), 7/16
/// (64-bit case count), 7/20 (character encoding), 7/21 and 7/22 (long string value labels and missing values), and
/// "Dictionary Termination Record". Other extension records are skipped by their stated size. Strings are decoded
/// only once the whole dictionary is read, because the encoding record comes after the records that use it.
/// Every count and length read from the file is checked against the bytes that remain before it is used.
/// </remarks>
internal sealed class SpssDictionaryReader
{
    private const int HeaderSize = 176;

    private readonly SpssByteReader _in;
    private readonly List<RawVariable> _records = [];   // variable records, continuations included (dictionary index - 1)
    private readonly List<RawLabelSet> _labelSets = [];
    private readonly List<byte[]> _documents = [];
    private int _pendingContinuations;
    private RawVariable? _lastString;
    private byte[]? _longNames, _veryLongStrings, _encodingName, _longStringLabels, _longStringMissing;
    private long _longNamesAt, _veryLongStringsAt, _encodingNameAt, _longStringLabelsAt, _longStringMissingAt;
    private int[]? _displayParameters;
    private int? _characterCode;
    private long? _caseCount64;
    private double _systemMissing = -double.MaxValue, _highest = double.MaxValue, _lowest = -double.MaxValue;

    private SpssDictionaryReader(SpssByteReader input) => _in = input;

    public static SpssDictionary Read(SpssByteReader input) => new SpssDictionaryReader(input).ReadAll();

    private string Source => _in.Source;

    private SpssDictionary ReadAll()
    {
        // ---- file header ----
        Span<byte> magic = stackalloc byte[4];
        _in.ReadExactly(magic, "the file header ('$FL2' or '$FL3': an SPSS system file)");
        var zlib = magic.SequenceEqual("$FL3"u8);
        if (!zlib && !magic.SequenceEqual("$FL2"u8))
        {
            var ebcdic = magic.SequenceEqual(new byte[] { 0x5b, 0xc6, 0xd3, 0xf2 });
            throw SpssErrors.At(Source, 0, Printable(magic), ebcdic
                ? "an ASCII-based system file ('$FL2' or '$FL3'); EBCDIC system files are not supported"
                : "'$FL2' or '$FL3' (an SPSS system file, .sav or .zsav)");
        }

        var productName = _in.ReadBytes(60, "the product name in the file header");
        DetectByteOrder();
        _in.ReadInt32("nominal_case_size in the file header");
        var compressionAt = _in.Position;
        var compressionCode = _in.ReadInt32("the compression code in the file header");
        var compression = compressionCode switch
        {
            0 => SpssCompression.None,
            1 => SpssCompression.Bytecode,
            2 => SpssCompression.Zlib,
            _ => throw SpssErrors.At(Source, compressionAt, SpssErrors.Number(compressionCode), "compression 0 (none), 1 (bytecode) or 2 (ZLIB)"),
        };
        if ((compression == SpssCompression.Zlib) != zlib)
        {
            throw SpssErrors.At(Source, compressionAt, $"compression {compressionCode} in a '{(zlib ? "$FL3" : "$FL2")}' file",
                zlib ? "compression 2 (ZLIB), as '$FL3' says" : "compression 0 or 1 ('$FL3' files are the ZLIB-compressed ones)");
        }

        var weightAt = _in.Position;
        var weightIndex = _in.ReadInt32("weight_index in the file header");
        var caseCount = _in.ReadInt32("ncases in the file header");
        var biasAt = _in.Position;
        var bias = _in.ReadDouble("the compression bias in the file header");
        if (compression != SpssCompression.None && (!double.IsFinite(bias) || Math.Abs(bias) > 1e6))
        {
            throw SpssErrors.At(Source, biasAt, bias.ToString("R", System.Globalization.CultureInfo.InvariantCulture), "a compression bias such as 100");
        }

        var creationDate = _in.ReadBytes(9, "the creation date in the file header");
        var creationTime = _in.ReadBytes(8, "the creation time in the file header");
        var fileLabel = _in.ReadBytes(64, "the file label in the file header");
        _in.Skip(3, "the padding of the file header");

        // ---- dictionary records, up to the termination record ----
        while (true)
        {
            var at = _in.Position;
            var type = _in.ReadInt32("a record type (2, 3, 6, 7 or 999: the dictionary ends with record 999)");
            if (type != 2 && _pendingContinuations > 0)
            {
                throw SpssErrors.At(Source, at, $"record type {type}",
                    $"{_pendingContinuations} more continuation records (type 2, variable type -1) of the {_lastString!.Width}-byte string", _lastString.ShortNameText);
            }

            switch (type)
            {
                case 2: ReadVariable(at); break;
                case 3: ReadValueLabels(at); break;
                case 4: throw SpssErrors.At(Source, at, "record type 4", "a value label record (type 3) before the record of its variables (type 4)");
                case 6: ReadDocument(); break;
                case 7: ReadExtension(at); break;
                case 999:
                    _in.ReadInt32("the filler of the dictionary termination record");
                    return Build(compression, bias, caseCount, weightIndex, weightAt, productName, fileLabel, creationDate, creationTime);
                default:
                    throw SpssErrors.At(Source, at, $"record type {type}", "a dictionary record of type 2, 3, 6, 7 or 999");
            }
        }
    }

    private void DetectByteOrder()
    {
        // layout_code is 2 (rarely 3): read little-endian first, and big-endian if that gives no sense.
        var at = _in.Position;
        var bytes = _in.ReadBytes(4, "layout_code in the file header");
        _in.BigEndian = false;
        var little = _in.Int32(bytes);
        if (little is 2 or 3)
        {
            return;
        }

        _in.BigEndian = true;
        if (_in.Int32(bytes) is 2 or 3)
        {
            return;
        }

        throw SpssErrors.At(Source, at, $"layout_code {little}", "layout_code 2 or 3 (in either byte order: it tells the file's byte order)");
    }

    private void ReadVariable(long at)
    {
        var typeAt = _in.Position;
        var width = _in.ReadInt32("the variable type");
        var hasLabel = _in.ReadInt32("has_var_label of a variable record");
        var missingAt = _in.Position;
        var missingCount = _in.ReadInt32("n_missing_values of a variable record");
        var print = _in.ReadInt32("the print format of a variable record");
        var write = _in.ReadInt32("the write format of a variable record");
        var name = _in.ReadBytes(8, "the name of a variable record");
        byte[]? label = null;
        if (hasLabel is not (0 or 1))
        {
            throw SpssErrors.At(Source, typeAt + 4, $"has_var_label {hasLabel}", "0 or 1", Printable(name));
        }

        if (hasLabel == 1)
        {
            var length = _in.ReadInt32("the length of a variable label");
            if (length < 0)
            {
                throw SpssErrors.At(Source, _in.Position - 4, $"a label length of {length}", "a length of 0 or more", Printable(name));
            }

            var padded = ((long)length + 3) / 4 * 4;
            var bytes = _in.ReadBytes(padded, "the variable label");
            label = bytes.AsSpan(0, length).ToArray();
        }

        if (missingCount is < -3 or -1 or > 3)
        {
            throw SpssErrors.At(Source, missingAt, $"n_missing_values {missingCount}", "0 to 3 discrete missing values, -2 (a range) or -3 (a range and a value)", Printable(name));
        }

        var missing = new byte[Math.Abs(missingCount)][];
        for (var i = 0; i < missing.Length; i++)
        {
            missing[i] = _in.ReadBytes(8, "a missing value of the variable record");
        }

        if (width == -1)
        {
            if (_pendingContinuations == 0)
            {
                throw SpssErrors.At(Source, typeAt, "a continuation record (type -1)", "a variable record of type 0 (numeric) or 1–255 (string width): no long string is being continued here");
            }

            _pendingContinuations--;
            _records.Add(new RawVariable(_records.Count + 1, Printable(name), -1, print, write, null, 0, [], _records.Count, at));
            return;
        }

        if (width is < 0 or > 255)
        {
            throw SpssErrors.At(Source, typeAt, $"variable type {width}", "0 (numeric), 1–255 (string width) or -1 (continuation)", Printable(name));
        }

        if (width > 0 && missingCount < 0)
        {
            throw SpssErrors.At(Source, missingAt, $"n_missing_values {missingCount} (a range) for a string", "0 to 3 discrete missing values: strings have no ranges", Printable(name));
        }

        var record = new RawVariable(_records.Count + 1, Printable(name), width, print, write, label, missingCount, missing, _records.Count, at) { NameBytes = name };
        _records.Add(record);
        if (width > 8)
        {
            _pendingContinuations = ((width + 7) / 8) - 1;
            _lastString = record;
        }
    }

    private void ReadValueLabels(long at)
    {
        var countAt = _in.Position;
        var count = _in.ReadInt32("the number of value labels");
        // Each label takes at least 16 bytes (8 for the value, 1 for the length, padding): check before allocating.
        if (count < 0 || count > _in.Remaining / 16)
        {
            throw SpssErrors.At(Source, countAt, $"{count} value labels", $"a count that fits the {SpssErrors.Number(_in.Remaining)} bytes left (16 bytes or more each)");
        }

        var labels = new List<(byte[] Value, byte[] Label)>(count);
        for (var i = 0; i < count; i++)
        {
            var value = _in.ReadBytes(8, "the value of a value label");
            var length = _in.ReadBytes(1, "the length of a value label")[0];
            var padded = ((length + 1 + 7) / 8 * 8) - 1;
            var label = _in.ReadBytes(padded, "a value label");
            labels.Add((value, label.AsSpan(0, length).ToArray()));
        }

        var typeAt = _in.Position;
        var type = _in.ReadInt32("record type 4 (the variables of the value labels)");
        if (type != 4)
        {
            throw SpssErrors.At(Source, typeAt, $"record type {type}", "record type 4, the variables of the value labels just read");
        }

        var varCountAt = _in.Position;
        var varCount = _in.ReadInt32("the number of variables of the value labels");
        if (varCount < 1 || varCount > _in.Remaining / 4)
        {
            throw SpssErrors.At(Source, varCountAt, $"{varCount} variables", $"1 or more variables, as many as fit the {SpssErrors.Number(_in.Remaining)} bytes left");
        }

        var indexes = new int[varCount];
        bool? numeric = null;
        for (var i = 0; i < varCount; i++)
        {
            var indexAt = _in.Position;
            var index = _in.ReadInt32("a dictionary index of the value labels' variables");
            if (index < 1 || index > _records.Count || _records[index - 1].Width < 0)
            {
                throw SpssErrors.At(Source, indexAt, $"dictionary index {index}",
                    $"the index (1 to {_records.Count}) of a variable record that is not a string continuation");
            }

            var target = _records[index - 1];
            if (target.Width > 8)
            {
                throw SpssErrors.At(Source, indexAt, $"value labels for a string of width {target.Width}", "labels of numbers or strings of at most 8 bytes (longer strings use record 7/21)", target.ShortNameText);
            }

            if (numeric is { } n && n != (target.Width == 0))
            {
                throw SpssErrors.At(Source, indexAt, "value labels shared by numeric and string variables", "variables of one type", target.ShortNameText);
            }

            numeric = target.Width == 0;
            indexes[i] = index;
        }

        _labelSets.Add(new RawLabelSet(labels, indexes, at));
    }

    private void ReadDocument()
    {
        var countAt = _in.Position;
        var lines = _in.ReadInt32("the number of document lines");
        if (lines < 0 || lines > _in.Remaining / 80)
        {
            throw SpssErrors.At(Source, countAt, $"{lines} document lines", $"a count of 80-byte lines that fits the {SpssErrors.Number(_in.Remaining)} bytes left");
        }

        for (var i = 0; i < lines; i++)
        {
            _documents.Add(_in.ReadBytes(80, "a document line"));
        }
    }

    private void ReadExtension(long at)
    {
        var subtype = _in.ReadInt32("the subtype of an extension record");
        var sizeAt = _in.Position;
        var size = _in.ReadInt32("the element size of an extension record");
        var count = _in.ReadInt32("the element count of an extension record");
        var length = (long)size * count;
        if (size < 0 || count < 0 || length > _in.Remaining)
        {
            throw SpssErrors.At(Source, sizeAt, $"7/{subtype}: {SpssErrors.Number(count)} × {SpssErrors.Number(size)} bytes",
                $"an extension record that fits the {SpssErrors.Number(_in.Remaining)} bytes left in the file");
        }

        var dataAt = _in.Position;
        switch (subtype)
        {
            case 3 when size == 4 && count == 8:
                var info = new int[8];
                for (var i = 0; i < 8; i++)
                {
                    info[i] = _in.ReadInt32("the machine integer info record");
                }

                _characterCode = info[7];
                return;
            case 4 when size == 8 && count == 3:
                var sysmis = _in.ReadDouble("SYSMIS in the floating-point info record");
                var highest = _in.ReadDouble("HIGHEST in the floating-point info record");
                var lowest = _in.ReadDouble("LOWEST in the floating-point info record");
                // Use the file's own special values when they are plausible (some writers use others consistently).
                if (sysmis < -1e300 && highest > 1e300 && lowest < -1e300)
                {
                    (_systemMissing, _highest, _lowest) = (sysmis, highest, lowest);
                }

                return;
            case 11 when size == 4:
                _displayParameters = new int[count];
                for (var i = 0; i < count; i++)
                {
                    _displayParameters[i] = _in.ReadInt32("the variable display parameters");
                }

                return;
            case 13 when size == 1:
                (_longNames, _longNamesAt) = (_in.ReadBytes(length, "the long variable names record"), dataAt);
                return;
            case 14 when size == 1:
                (_veryLongStrings, _veryLongStringsAt) = (_in.ReadBytes(length, "the very long string record"), dataAt);
                return;
            case 16 when size == 8 && count == 2:
                _in.ReadInt64("the extended number of cases record");
                _caseCount64 = _in.ReadInt64("the extended number of cases record");
                return;
            case 20 when size == 1:
                (_encodingName, _encodingNameAt) = (_in.ReadBytes(length, "the character encoding record"), dataAt);
                return;
            case 21 when size == 1:
                (_longStringLabels, _longStringLabelsAt) = (_in.ReadBytes(length, "the long string value labels record"), dataAt);
                return;
            case 22 when size == 1:
                (_longStringMissing, _longStringMissingAt) = (_in.ReadBytes(length, "the long string missing values record"), dataAt);
                return;
            case 13 or 14 or 20 or 21 or 22:
                throw SpssErrors.At(Source, sizeAt, $"element size {size} in extension record 7/{subtype}", "element size 1 (character data)");
            default:
                // Unknown or informational (7/5, 7/6, 7/7, 7/10, 7/12, 7/17, 7/18, 7/19, 7/24, …): skipped by its size.
                _in.Skip(length, $"the data of extension record 7/{subtype}");
                return;
        }
    }

    private SpssDictionary Build(SpssCompression compression, double bias, int caseCount, int weightIndex, long weightAt,
        byte[] productName, byte[] fileLabel, byte[] creationDate, byte[] creationTime)
    {
        var dataOffset = _in.Position;
        var encoding = ChooseEncoding();
        foreach (var record in _records.Where(r => r.Width >= 0))
        {
            record.ShortName = DecodeTrimmed(encoding, record.NameBytes);
        }

        // Variables as the user sees them: continuation records dropped, very long string segments joined.
        var variables = _records.Where(r => r.Width >= 0).Select(r => new Building(r)).ToList();
        JoinVeryLongStrings(variables, encoding);
        ApplyLongNames(variables, encoding);
        ApplyDisplayParameters(variables);

        var byIndex = variables.ToDictionary(v => v.First.DictionaryIndex);
        foreach (var set in _labelSets)
        {
            foreach (var index in set.Indexes)
            {
                if (!byIndex.TryGetValue(index, out var target))
                {
                    throw SpssErrors.At(Source, set.Offset, $"value labels for dictionary index {index}", "labels of a variable, not of a segment of a very long string");
                }

                foreach (var (value, label) in set.Labels)
                {
                    var labelValue = target.Width == 0
                        ? SpssValue.FromNumber(_in.Double(value))
                        : SpssValue.FromText(DecodeTrimmed(encoding, value.AsSpan(0, Math.Min(8, target.Width))));
                    // ReadStat labels one value more than once (values beyond the width); the first label counts.
                    if (!target.Labels.Exists(l => l.Value == labelValue))
                    {
                        target.Labels.Add(new SpssValueLabel(labelValue, Decode(encoding, label)));
                    }
                }
            }
        }

        ApplyLongStringLabels(variables, encoding);
        ApplyLongStringMissingValues(variables, encoding);

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in variables)
        {
            if (!names.Add(v.Name))
            {
                throw SpssErrors.At(Source, v.First.Offset, $"a second variable named '{v.Name}'", "unique variable names");
            }
        }

        var result = new List<SpssVariable>(variables.Count);
        var layout = new VariableLayout[variables.Count];
        for (var i = 0; i < variables.Count; i++)
        {
            var v = variables[i];
            var print = SpssFormat.FromPacked(v.First.Print);
            var write = SpssFormat.FromPacked(v.First.Write);
            if (v.SegmentRecords > 1)
            {
                // The first segment's formats say A255; the very long string is A{width} (as PSPP and haven show it).
                (print, write) = (new SpssFormat(1, v.Width, 0), new SpssFormat(1, v.Width, 0));
            }

            result.Add(new SpssVariable
            {
                Index = i,
                Name = v.Name,
                ShortName = v.First.ShortName,
                // Trailing spaces of labels are padding (SPSS pads them; haven and PSPP's syntax drop them).
                Label = v.First.Label is { } label ? Decode(encoding, label).TrimEnd(' ') : null,
                Type = v.Width == 0 ? print.NumericType : SpssVariableType.String,
                StringWidth = v.Width,
                PrintFormat = print,
                WriteFormat = write,
                ValueLabels = v.Labels,
                MissingValues = v.Missing ?? MissingFromRecord(v, encoding),
                Measure = v.Measure,
                Alignment = v.Alignment,
                DisplayWidth = v.DisplayWidth,
            });
            layout[i] = new VariableLayout(v.First.Element, v.Width == 0, v.Width, [.. v.Segments]);
        }

        int? weight = null;
        if (weightIndex != 0)
        {
            weight = variables.FindIndex(v => v.First.DictionaryIndex == weightIndex);
            if (weight < 0 || variables[weight.Value].Width != 0)
            {
                throw SpssErrors.At(Source, weightAt, $"weight_index {weightIndex}", $"0 (unweighted) or the dictionary index of a numeric variable (1 to {_records.Count})");
            }
        }

        long? cases = caseCount >= 0 ? caseCount : _caseCount64 is >= 0 ? _caseCount64 : null;
        return new SpssDictionary
        {
            Variables = result,
            Layout = layout,
            ElementCount = _records.Count,
            Encoding = encoding,
            Compression = compression,
            BigEndian = _in.BigEndian,
            Bias = bias,
            SystemMissing = _systemMissing,
            CaseCount = cases,
            DataOffset = dataOffset,
            WeightIndex = weight,
            ProductName = DecodeTrimmed(encoding, productName),
            FileLabel = DecodeTrimmed(encoding, fileLabel),
            CreationDate = DecodeTrimmed(encoding, creationDate),
            CreationTime = DecodeTrimmed(encoding, creationTime),
            Documents = [.. _documents.Select(d => DecodeTrimmed(encoding, d))],
        };
    }

    private Encoding ChooseEncoding()
    {
        if (_encodingName is not null)
        {
            var name = Encoding.ASCII.GetString(_encodingName);
            return SpssEncodings.ForName(name)
                ?? throw SpssErrors.At(Source, _encodingNameAt, $"encoding '{name.TrimEnd('\0')}' in the character encoding record", "a character encoding that .NET supports (e.g. UTF-8, windows-1252)");
        }

        if (_characterCode is { } code)
        {
            return SpssEncodings.ForCodePage(code)
                ?? throw SpssErrors.At(Source, 0, $"code page {code} in the machine integer info record (7/3), and no encoding record",
                    "a code page that .NET supports (e.g. 65001 UTF-8, 1252 windows-1252)");
        }

        return SpssEncodings.Default;
    }

    private void JoinVeryLongStrings(List<Building> variables, Encoding encoding)
    {
        if (_veryLongStrings is null)
        {
            return;
        }

        // KEY=VALUE tuples: an 8-byte short name, '=', a 5-digit width; tuples end with NUL and tab.
        var text = Decode(encoding, _veryLongStrings);
        foreach (var tuple in text.Split('\t'))
        {
            var entry = tuple.Trim('\0', ' ');
            if (entry.Length == 0)
            {
                continue;
            }

            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            var first = equals > 0 ? variables.FindIndex(v => string.Equals(v.First.ShortName, entry[..equals], StringComparison.OrdinalIgnoreCase)) : -1;
            if (first < 0 || !int.TryParse(entry.AsSpan(equals + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var width)
                || width is < 256 or > 32767)
            {
                throw SpssErrors.At(Source, _veryLongStringsAt, entry,
                    "a very long string entry NAME=WIDTH naming a string variable, with a width of 256 to 32767");
            }

            var segmentCount = (width + 251) / 252;
            if (first + segmentCount > variables.Count || variables[first].Segments.Count != 1
                || Enumerable.Range(first, segmentCount).Any(i => variables[i].Width == 0 || (i < first + segmentCount - 1 && variables[i].Width != 255)))
            {
                throw SpssErrors.At(Source, _veryLongStringsAt, entry,
                    $"{segmentCount} string variables (segments of 255 bytes, then the rest) starting at '{variables[first].First.ShortName}'");
            }

            // Each segment holds up to 255 bytes of the value, in order; space past the width is unused.
            var joined = variables[first];
            joined.Segments.Clear();
            var collected = 0;
            for (var i = 0; i < segmentCount; i++)
            {
                var segment = variables[first + i];
                var used = Math.Min(segment.Width, width - collected);
                if (used > 0)
                {
                    joined.Segments.Add(new StringSegment(segment.First.Element * 8, used));
                    collected += used;
                }
            }

            if (collected != width)
            {
                throw SpssErrors.At(Source, _veryLongStringsAt, entry, $"segments that hold {width} bytes; they hold {collected}");
            }

            joined.Width = width;
            joined.SegmentRecords = segmentCount;
            variables.RemoveRange(first + 1, segmentCount - 1);
        }
    }

    private void ApplyLongNames(List<Building> variables, Encoding encoding)
    {
        if (_longNames is null)
        {
            return;
        }

        foreach (var tuple in Decode(encoding, _longNames).Split('\t'))
        {
            var entry = tuple.Trim('\0');
            if (entry.Length == 0)
            {
                continue;
            }

            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || equals == entry.Length - 1)
            {
                throw SpssErrors.At(Source, _longNamesAt, entry, "long variable names as SHORT=LONG pairs separated by tabs");
            }

            var shortName = entry[..equals];
            var target = variables.Find(v => string.Equals(v.First.ShortName, shortName, StringComparison.OrdinalIgnoreCase));
            if (target is not null)
            {
                target.Name = entry[(equals + 1)..];
            }
        }
    }

    private void ApplyDisplayParameters(List<Building> variables)
    {
        if (_displayParameters is not { } p)
        {
            return;
        }

        // One entry per variable record other than continuations: per segment of a very long string (as PSPP and
        // haven write it), or per variable (as the manual's wording allows); with or without the width field.
        var segments = variables.Sum(v => v.SegmentRecords);
        int stride;
        bool perSegment;
        if (p.Length == 3 * segments || p.Length == 2 * segments)
        {
            (stride, perSegment) = (p.Length / Math.Max(1, segments), true);
        }
        else if (p.Length == 3 * variables.Count || p.Length == 2 * variables.Count)
        {
            (stride, perSegment) = (p.Length / Math.Max(1, variables.Count), false);
        }
        else
        {
            return; // Informational only: a record that fits neither shape is ignored, as PSPP does.
        }

        var entry = 0;
        foreach (var v in variables)
        {
            var at = entry * stride;
            v.Measure = p[at] switch
            {
                0 or 1 => SpssMeasure.Nominal,
                2 => SpssMeasure.Ordinal,
                3 => SpssMeasure.Scale,
                _ => SpssMeasure.Unknown,
            };
            v.DisplayWidth = stride == 3 ? Math.Max(0, p[at + 1]) : 0;
            v.Alignment = p[at + stride - 1] switch
            {
                0 => SpssAlignment.Left,
                1 => SpssAlignment.Right,
                2 => SpssAlignment.Center,
                _ => SpssAlignment.Unknown,
            };
            entry += perSegment ? v.SegmentRecords : 1;
        }
    }

    private void ApplyLongStringLabels(List<Building> variables, Encoding encoding)
    {
        if (_longStringLabels is null)
        {
            return;
        }

        var r = new RecordCursor(_longStringLabels, _longStringLabelsAt, this, "the long string value labels record (7/21)");
        while (!r.AtEnd)
        {
            var name = Decode(encoding, r.Bytes(r.Int32()));
            r.Int32(); // the variable's width
            var count = r.Int32();
            if (count < 0 || count > r.Left / 8)
            {
                throw r.Error($"{count} labels", "a count of labels that fits the record");
            }

            var target = FindByName(variables, name);
            for (var i = 0; i < count; i++)
            {
                var value = DecodeTrimmed(encoding, r.Bytes(r.Int32()));
                var label = Decode(encoding, r.Bytes(r.Int32()));
                if (target is not null && target.Width > 0 && !target.Labels.Exists(l => l.Value.Text == value))
                {
                    target.Labels.Add(new SpssValueLabel(SpssValue.FromText(value), label));
                }
            }
        }
    }

    private void ApplyLongStringMissingValues(List<Building> variables, Encoding encoding)
    {
        if (_longStringMissing is null)
        {
            return;
        }

        var r = new RecordCursor(_longStringMissing, _longStringMissingAt, this, "the long string missing values record (7/22)");
        while (!r.AtEnd)
        {
            var name = Decode(encoding, r.Bytes(r.Int32()));
            var count = r.Byte();
            if (count is < 1 or > 3)
            {
                throw r.Error($"{count} missing values", "1 to 3 missing values");
            }

            var values = new List<SpssValue>(count);
            for (var i = 0; i < count; i++)
            {
                values.Add(SpssValue.FromText(DecodeTrimmed(encoding, r.Bytes(r.Int32()))));
            }

            if (FindByName(variables, name) is { Width: > 0 } target)
            {
                target.Missing = new SpssMissingValues(values, null);
            }
        }
    }

    private static Building? FindByName(List<Building> variables, string name) =>
        variables.Find(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? variables.Find(v => string.Equals(v.First.ShortName, name, StringComparison.OrdinalIgnoreCase));

    private SpssMissingValues MissingFromRecord(Building v, Encoding encoding)
    {
        var raw = v.First.Missing;
        if (raw.Length == 0)
        {
            return SpssMissingValues.None;
        }

        if (v.Width > 0)
        {
            return new SpssMissingValues([.. raw.Select(b => SpssValue.FromText(DecodeTrimmed(encoding, b.AsSpan(0, Math.Min(8, v.Width)))))], null);
        }

        var numbers = raw.Select(b => _in.Double(b)).ToArray();
        if (v.First.MissingCount > 0)
        {
            return new SpssMissingValues([.. numbers.Select(SpssValue.FromNumber)], null);
        }

        // A range (-2), or a range and one discrete value (-3). LOWEST and HIGHEST stand for open ends.
        var low = numbers[0] == _lowest || numbers[0] == -double.MaxValue || numbers[0] == _systemMissing
            || BitConverter.DoubleToInt64Bits(numbers[0]) == unchecked((long)0xffeffffffffffffeUL) ? double.NegativeInfinity : numbers[0];
        var high = numbers[1] == _highest || numbers[1] == double.MaxValue ? double.PositiveInfinity : numbers[1];
        IReadOnlyList<SpssValue> discrete = v.First.MissingCount == -3 ? [SpssValue.FromNumber(numbers[2])] : [];
        return new SpssMissingValues(discrete, new SpssMissingRange(low, high));
    }

    private static string Decode(Encoding encoding, ReadOnlySpan<byte> bytes) => encoding.GetString(bytes);

    /// <summary>Decodes with trailing spaces and NULs removed: the padding of fixed-width fields.</summary>
    public static string DecodeTrimmed(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        var end = bytes.Length;
        while (end > 0 && (bytes[end - 1] == (byte)' ' || bytes[end - 1] == 0))
        {
            end--;
        }

        return encoding.GetString(bytes[..end]);
    }

    private static string Printable(ReadOnlySpan<byte> bytes)
    {
        var text = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            text.Append(b is >= 0x20 and < 0x7f ? (char)b : '?');
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>A variable record as read, before strings are decoded.</summary>
    private sealed record RawVariable(int DictionaryIndex, string ShortNameText, int Width, int Print, int Write, byte[]? Label,
        int MissingCount, byte[][] Missing, int Element, long Offset)
    {
        public byte[] NameBytes { get; init; } = [];

        public string ShortName { get; set; } = ShortNameText;
    }

    private sealed record RawLabelSet(List<(byte[] Value, byte[] Label)> Labels, int[] Indexes, long Offset);

    /// <summary>A variable being assembled from its record(s) and the extension records.</summary>
    private sealed class Building
    {
        public Building(RawVariable first)
        {
            First = first;
            Name = first.ShortName;
            Width = first.Width;
            if (first.Width > 0)
            {
                Segments.Add(new StringSegment(first.Element * 8, first.Width));
            }
        }

        public RawVariable First { get; }
        public string Name { get; set; }
        public int Width { get; set; }
        public int SegmentRecords { get; set; } = 1;
        public List<StringSegment> Segments { get; } = [];
        public List<SpssValueLabel> Labels { get; } = [];
        public SpssMissingValues? Missing { get; set; }
        public SpssMeasure Measure { get; set; }
        public SpssAlignment Alignment { get; set; }
        public int DisplayWidth { get; set; }
    }

    /// <summary>Reads the int32-and-bytes structures inside a character extension record, bounds checked.</summary>
    private sealed class RecordCursor(byte[] data, long fileOffset, SpssDictionaryReader owner, string what)
    {
        private int _at;

        public bool AtEnd => _at >= data.Length;

        public int Left => data.Length - _at;

        public int Int32()
        {
            Need(4, "a 4-byte length");
            var value = owner._in.Int32(data.AsSpan(_at, 4));
            _at += 4;
            return value;
        }

        public byte Byte()
        {
            Need(1, "a count byte");
            return data[_at++];
        }

        public ReadOnlySpan<byte> Bytes(int count)
        {
            if (count < 0)
            {
                throw Error($"a length of {count}", "a length of 0 or more");
            }

            Need(count, $"{count} bytes");
            var span = data.AsSpan(_at, count);
            _at += count;
            return span;
        }

        public SurveyDataException Error(string found, string expected) =>
            SpssErrors.At(owner.Source, fileOffset + _at, found, expected + " in " + what);

        private void Need(int count, string expected)
        {
            if (count > data.Length - _at)
            {
                throw Error($"the end of the record after {data.Length - _at} bytes", expected);
            }
        }
    }
}
