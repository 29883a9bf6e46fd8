using System.Text;

namespace NetHelpfulness.Data;

/// <summary>How every reader of the package opens its input: a missing file and invalid UTF-8 become located data issues.</summary>
internal static class TextInput
{
    /// <summary>UTF-8 that throws on invalid bytes, so that they are reported rather than replaced.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Opens a file for reading.</summary>
    /// <exception cref="SurveyDataException">The file is missing or unreadable.</exception>
    public static Stream OpenRead(string path)
    {
        try
        {
            return File.OpenRead(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new SurveyDataException(new DataIssue(path, 0, "", "", "a readable file (" + e.Message + ")"));
        }
    }

    /// <summary>Text over a stream: strict UTF-8, a BOM honoured, the stream left open.</summary>
    public static StreamReader Reader(Stream stream) =>
        new(stream, StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16, leaveOpen: true);

    /// <summary>Reads a file as text with <paramref name="read"/>.</summary>
    /// <exception cref="SurveyDataException">The file is missing or unreadable (or <paramref name="read"/> refuses it).</exception>
    public static T ReadFile<T>(string path, Func<TextReader, T> read)
    {
        using var stream = OpenRead(path);
        return Read(stream, read);
    }

    /// <summary>Reads a stream as text with <paramref name="read"/>.</summary>
    public static T Read<T>(Stream stream, Func<TextReader, T> read)
    {
        using var text = Reader(stream);
        return read(text);
    }

    /// <summary>The issue for bytes that are not UTF-8, placed after the last line read.</summary>
    public static DataIssue InvalidUtf8(string source, long lastLine) =>
        new(source, lastLine + 1, "", "", "UTF-8 text (the bytes after this point are not valid UTF-8)");
}
