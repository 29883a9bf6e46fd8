using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using NetHelpfulness.Data;

namespace NetHelpfulness.Tests.Data;

/// <summary>The data files shipped under <c>data/</c>, read with the package's own RFC 4180 reader.</summary>
internal static class ShippedFiles
{
    public static string DataFolder { get; } = ReferenceFiles.Path("data");

    public static string Path(string relative) => System.IO.Path.Combine(DataFolder, relative);

    /// <summary>Every file under data/ except its README, the package descriptor and dot-files (.gitattributes), relative to data/ with '/'.</summary>
    public static IReadOnlyList<string> DataFiles() =>
        [.. Directory.GetFiles(DataFolder, "*", SearchOption.AllDirectories)
            .Select(f => System.IO.Path.GetRelativePath(DataFolder, f).Replace('\\', '/'))
            .Where(f => f is not "README.md" and not "datapackage.json" && !System.IO.Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)];

    public static string Sha256(string relative) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path(relative))));

    private static readonly ConcurrentDictionary<string, Lazy<(string[], List<string[]>)>> Tables = new(StringComparer.Ordinal);

    private static readonly Lazy<SurveyResponses> UnweightedSurvey = new(() => SurveyReader.ReadFile(Path("synthetic/survey.csv")));

    /// <summary>The shipped synthetic survey as the loader reads it by default (unweighted), loaded once.</summary>
    public static SurveyResponses Survey => UnweightedSurvey.Value;

    /// <summary>Header and records of a CSV file, read once; fails the test on a syntax error. Do not modify the rows.</summary>
    public static (string[] Header, List<string[]> Rows) ReadCsv(string relative) =>
        Tables.GetOrAdd(relative, r => new Lazy<(string[], List<string[]>)>(() => Read(r))).Value;

    /// <summary>The header of a CSV file only.</summary>
    public static string[] Header(string relative)
    {
        using var reader = new StreamReader(Path(relative), new UTF8Encoding(false, true));
        var fields = new List<string>();
        Assert.True(new CsvRecordReader(reader).TryRead(fields, out _, out var error) && error is null, relative + ": header");
        return [.. fields];
    }

    private static (string[] Header, List<string[]> Rows) Read(string relative)
    {
        using var reader = new StreamReader(Path(relative), new UTF8Encoding(false, true));
        var csv = new CsvRecordReader(reader);
        var fields = new List<string>();
        Assert.True(csv.TryRead(fields, out _, out var headerError) && headerError is null, relative + ": header");
        var header = fields.ToArray();
        var rows = new List<string[]>();
        while (csv.TryRead(fields, out var line, out var error))
        {
            Assert.True(error is null, $"{relative}:{line}: {error}");
            Assert.True(fields.Count == header.Length, $"{relative}:{line}: {fields.Count} fields");
            rows.Add([.. fields]);
        }

        return (header, rows);
    }
}
