using System.Globalization;
using System.Text;

namespace NetHelpfulness.Data;

/// <summary>
/// The skeleton every CSV reader of the package shares: the header (names trimmed, none empty, none twice), named
/// columns looked up with a message that lists the header, one record at a time with its field count checked, every
/// problem collected as a <see cref="DataIssue"/> (file, line, column, found, expected) up to a cap, invalid UTF-8
/// reported at its line, and nothing returned unless the whole file is clean.
/// </summary>
/// <typeparam name="T">What the reader builds.</typeparam>
internal abstract class CsvTableLoader<T>
{
    private readonly int _maxIssues;
    private readonly long _emptyFileLine;
    private IRecordSource? _input;

    /// <param name="source">The file, for messages.</param>
    /// <param name="maxIssues">Reading stops after this many problems.</param>
    /// <param name="emptyFileLine">The line an empty file is reported at.</param>
    protected CsvTableLoader(string source, int maxIssues, long emptyFileLine)
    {
        Source = source;
        _maxIssues = maxIssues;
        _emptyFileLine = emptyFileLine;
    }

    /// <summary>The file, for messages.</summary>
    protected string Source { get; }

    /// <summary>The header's column names, trimmed.</summary>
    protected string[] Header { get; private set; } = [];

    /// <summary>Each column's index by name (the first of a repeated name).</summary>
    protected Dictionary<string, int> ColumnIndex { get; } = new(StringComparer.Ordinal);

    /// <summary>The problems found so far.</summary>
    protected List<DataIssue> Issues { get; } = [];

    /// <summary>Reads a whole CSV table.</summary>
    /// <exception cref="SurveyDataException">The file breaks the reader's rules (every problem, up to the cap).</exception>
    public T Load(TextReader text) => Load(new CsvRecordReader(text));

    /// <summary>Reads a whole table from any record source.</summary>
    /// <exception cref="SurveyDataException">The input breaks the reader's rules (every problem, up to the cap).</exception>
    public T Load(IRecordSource csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        _input = csv;
        long lastLine = 0;
        try
        {
            var fields = new List<string>();
            if (!csv.TryReadHeader(fields, out var headerLine, out var headerError))
            {
                throw new SurveyDataException(new DataIssue(Source, _emptyFileLine, "", "", "a header row (the file is empty)"));
            }

            lastLine = headerLine;
            if (headerError is { } he)
            {
                throw new SurveyDataException(csv.Issue(Source, he.Line, ColumnLabel(he.FieldNumber), "", he.Expected));
            }

            Header = [.. fields.Select(f => f.Trim())];
            IndexHeader(headerLine);
            ResolveColumns(headerLine);
            ThrowIfIssues();
            var records = 0;
            while (csv.TryRead(out var line, out var error))
            {
                lastLine = line;
                if (error is { } e)
                {
                    Report(e.Line, ColumnLabel(e.FieldNumber), "", e.Expected);
                    continue;
                }

                if (csv.FieldCount != Header.Length)
                {
                    Report(line, "", string.Create(CultureInfo.InvariantCulture, $"{csv.FieldCount} fields"),
                        string.Create(CultureInfo.InvariantCulture, $"{Header.Length} fields, as in the header"));
                    continue;
                }

                records++;
                ReadRecord(csv, line);
            }

            EndOfRecords(csv);

            if (records == 0 && Issues.Count == 0)
            {
                Report(headerLine, "", "", "at least one data row after the header");
            }

            ThrowIfIssues();
            return Build();
        }
        catch (TooManyIssues)
        {
            throw new SurveyDataException(Issues, true);
        }
        catch (DecoderFallbackException)
        {
            Issues.Add(TextInput.InvalidUtf8(Source, lastLine));
            throw new SurveyDataException(Issues, false);
        }
    }

    /// <summary>Finds the columns the reader needs (with <see cref="Require"/>); problems are reported, not thrown.</summary>
    protected abstract void ResolveColumns(long headerLine);

    /// <summary>Reads one record whose field count matches the header.</summary>
    protected abstract void ReadRecord(IRecordSource csv, long line);

    /// <summary>Called after the last record (a reader that holds records back reads them here).</summary>
    protected virtual void EndOfRecords(IRecordSource csv)
    {
    }

    /// <summary>Builds the result once every record is read without a problem.</summary>
    protected abstract T Build();

    /// <summary>The index of a column that must be present, or −1 after reporting it missing with the header's names.</summary>
    protected int Require(long headerLine, string name, string why)
    {
        if (ColumnIndex.TryGetValue(name, out var index))
        {
            return index;
        }

        Report(headerLine, name, "", string.Create(CultureInfo.InvariantCulture,
            $"a column named '{name}' ({why}); the header has: {string.Join(", ", Header)}"));
        return -1;
    }

    /// <summary>Records a problem; reading stops at the cap.</summary>
    protected void Report(long line, string column, string found, string expected) => Report(IssueAt(line, column, found, expected));

    /// <summary>An issue at a record's location (its line, or a binary file's byte offset and case).</summary>
    protected DataIssue IssueAt(long line, string column, string found, string expected) =>
        _input is null ? new DataIssue(Source, line, column, found, expected) : _input.Issue(Source, line, column, found, expected);

    /// <summary>How later steps (a design built from the columns) place an issue at a record's location.</summary>
    protected IssueLocator Locator
    {
        get
        {
            var input = _input;
            var source = Source;
            return (location, column, found, expected) => input is null ? new DataIssue(source, location, column, found, expected) : input.Issue(source, location, column, found, expected);
        }
    }

    /// <summary>Records a problem; reading stops at the cap.</summary>
    protected void Report(DataIssue issue)
    {
        Issues.Add(issue);
        if (Issues.Count >= _maxIssues)
        {
            throw new TooManyIssues();
        }
    }

    /// <summary>Stops with every problem found so far, if there are any.</summary>
    protected void ThrowIfIssues()
    {
        if (Issues.Count > 0)
        {
            throw new SurveyDataException(Issues, false);
        }
    }

    /// <summary>A field's column name for messages, or <c>#n</c> when it has none.</summary>
    protected string ColumnLabel(int fieldNumber) =>
        fieldNumber >= 1 && fieldNumber <= Header.Length && Header[fieldNumber - 1].Length > 0
            ? Header[fieldNumber - 1]
            : string.Create(CultureInfo.InvariantCulture, $"#{fieldNumber}");

    private void IndexHeader(long headerLine)
    {
        for (var i = 0; i < Header.Length; i++)
        {
            if (Header[i].Length == 0)
            {
                Report(headerLine, ColumnLabel(i + 1), "", "a column name (header fields may not be empty)");
            }
            else if (!ColumnIndex.TryAdd(Header[i], i))
            {
                Report(headerLine, Header[i], Header[i], "each column name once in the header");
            }
        }
    }

    private sealed class TooManyIssues : Exception;
}
