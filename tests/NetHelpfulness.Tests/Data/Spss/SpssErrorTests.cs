using System.Buffers.Binary;
using NetHelpfulness.Data.Spss;
using NetHelpfulness.Tests.Fuzz;

namespace NetHelpfulness.Tests.Data.Spss;

/// <summary>
/// Truncated and corrupt files give <see cref="SurveyDataException"/> naming the file, the byte offset of the problem,
/// what was found and what was expected. Offsets are found in the bytes themselves (the 176-byte header, the
/// dictionary termination record 999), not by the reader under test.
/// </summary>
public class SpssErrorTests
{
    private static readonly byte[] Uncompressed = File.ReadAllBytes(SpssReferences.Path("pspp-survey-uncompressed.sav"));
    private static readonly byte[] Compressed = File.ReadAllBytes(SpssReferences.Path("pspp-survey-compressed.sav"));
    private static readonly byte[] Zlib = File.ReadAllBytes(SpssReferences.Path("pspp-survey.zsav"));

    [Fact]
    public void A_file_that_is_no_system_file_is_refused_at_byte_0()
    {
        var issue = Issue("respondent_id,country\nr1,DE\n"u8.ToArray());
        Assert.Equal(0, issue.ByteOffset);
        Assert.Equal("resp", issue.Found);
        Assert.Contains("'$FL2' or '$FL3'", issue.Expected, StringComparison.Ordinal);
        Assert.StartsWith("bad.sav: byte 0: found 'resp', expected ", issue.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, Issue([]).ByteOffset);
    }

    [Fact]
    public void A_truncated_header_names_the_field_it_cuts()
    {
        // Creation date: bytes 92–100 of the header.
        var issue = Issue(Uncompressed.AsSpan(0, 100).ToArray());
        Assert.Equal(92, issue.ByteOffset);
        Assert.Equal("the end of the file", issue.Found);
        Assert.Contains("creation date", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_cut_inside_a_case_are_reported_where_the_file_ends()
    {
        var dataStart = DataStart(Uncompressed);
        var caseSize = (Uncompressed.Length - dataStart) / 12;
        var cut = dataStart + (5 * caseSize) + 100;
        var issue = Issue(Uncompressed.AsSpan(0, cut).ToArray());
        Assert.Equal(cut, issue.ByteOffset);
        Assert.Equal("the end of the file", issue.Found);
        Assert.Contains($"100 of its {caseSize} bytes", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_cut_between_cases_are_fewer_cases_than_the_header_states()
    {
        var dataStart = DataStart(Uncompressed);
        var caseSize = (Uncompressed.Length - dataStart) / 12;
        var cut = dataStart + (11 * caseSize);
        var issue = Issue(Uncompressed.AsSpan(0, cut).ToArray());
        Assert.Equal(cut, issue.ByteOffset);
        Assert.Equal("the end of the data after 11 cases", issue.Found);
        Assert.StartsWith("12 cases, as the file header states", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_record_type_is_reported_at_its_offset()
    {
        var bytes = (byte[])Uncompressed.Clone();
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(176), 5);
        var issue = Issue(bytes);
        Assert.Equal(176, issue.ByteOffset);
        Assert.Equal("record type 5", issue.Found);
    }

    [Fact]
    public void A_huge_label_length_is_refused_before_anything_is_allocated()
    {
        // The first variable record (respondent_id, labelled "Respondent") starts at 176; label_len follows its 32 bytes.
        var bytes = (byte[])Uncompressed.Clone();
        Assert.Equal(1, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(176 + 8)));
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(176 + 32), int.MaxValue);
        var issue = Issue(bytes);
        Assert.Equal(176 + 36, issue.ByteOffset);
        Assert.Equal("the end of the file", issue.Found);
        Assert.Contains("2147483648 bytes", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void An_end_code_inside_a_case_names_the_variable()
    {
        // The first command byte is respondent_id's; the second (country's) becomes 252, the end of the data.
        var dataStart = DataStart(Compressed);
        var bytes = (byte[])Compressed.Clone();
        bytes[dataStart + 1] = 252;
        var issue = Issue(bytes);
        Assert.Equal(dataStart + 1, issue.ByteOffset);
        Assert.Equal("the end-of-data code 252", issue.Found);
        Assert.Equal("country", issue.Column);
        Assert.Contains("variable 'country'", issue.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_zsav_is_refused_by_its_trailer()
    {
        var dataStart = DataStart(Zlib);
        var issue = Issue(Zlib.AsSpan(0, Zlib.Length - 10).ToArray());
        Assert.Equal(dataStart + 8, issue.ByteOffset);
        Assert.Contains("truncated", issue.Expected, StringComparison.Ordinal);
    }

    [Fact]
    public void Corrupt_compressed_data_are_refused_with_an_offset_in_the_data()
    {
        var dataStart = DataStart(Zlib);
        var bytes = (byte[])Zlib.Clone();
        for (var i = dataStart + 24 + 40; i < dataStart + 24 + 80; i++)
        {
            bytes[i] ^= 0x5A;
        }

        var issue = Issue(bytes);
        Assert.True(issue.ByteOffset >= dataStart, issue.ToString());
    }

    [Fact]
    public void A_missing_file_is_a_data_error_and_a_stream_that_cannot_seek_is_refused()
    {
        var e = Assert.Throws<SurveyDataException>(() => SpssFile.Open("/nonexistent/survey.sav"));
        Assert.Contains("a readable file", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => SpssFile.Open(new NonSeekable(Uncompressed), "pipe.sav"));
    }

    private static DataIssue Issue(byte[] bytes)
    {
        var e = FuzzRead(bytes);
        var error = Assert.IsType<SurveyDataException>(e);
        var issue = Assert.Single(error.Issues);
        Assert.Equal("bad.sav", issue.File);
        Assert.NotNull(issue.ByteOffset);
        return issue;
    }

    private static Exception? FuzzRead(byte[] bytes)
    {
        var e = SpssReaderFuzzTests.ReadEverything(bytes);
        return e is SurveyDataException s ? new SurveyDataException([.. s.Issues.Select(i => i with { File = "bad.sav" })], false) : e;
    }

    /// <summary>The offset just after the dictionary termination record (999, then a 4-byte filler).</summary>
    private static int DataStart(byte[] file)
    {
        ReadOnlySpan<byte> termination = [0xE7, 0x03, 0, 0, 0, 0, 0, 0];
        var at = file.AsSpan().IndexOf(termination);
        Assert.True(at > 176);
        return at + 8;
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
