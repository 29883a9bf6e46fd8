namespace NetHelpfulness.Data;

/// <summary>
/// Records of text fields with a header, as the table loaders read them: a CSV file, or an SPSS system file whose
/// cases are shown as text (so that one loader, one set of rules and one set of messages serve every input format).
/// </summary>
internal interface IRecordSource
{
    /// <summary>Number of fields in the current record.</summary>
    int FieldCount { get; }

    /// <summary>Reads the header's column names. False when the input is empty.</summary>
    bool TryReadHeader(List<string> names, out long location, out CsvSyntaxError? error);

    /// <summary>Reads the next record; false at the end. <paramref name="location"/> is its line (CSV) or case number (SPSS).</summary>
    bool TryRead(out long location, out CsvSyntaxError? error);

    /// <summary>Field <paramref name="index"/> of the current record, valid until the next read.</summary>
    ReadOnlySpan<char> Field(int index);

    /// <summary>A copy of the current record.</summary>
    SavedRecord Save();

    /// <summary>Makes a saved record current again.</summary>
    void Restore(SavedRecord saved);

    /// <summary>An issue at a record's location (a line, or for a binary file the record's byte offset).</summary>
    DataIssue Issue(string source, long location, string column, string found, string expected);
}

/// <summary>Builds the issue at a record's location (a CSV line, or an SPSS case) for a column, a value found and what was expected.</summary>
internal delegate DataIssue IssueLocator(long location, string column, string found, string expected);
