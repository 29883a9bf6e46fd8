using System.Globalization;
using System.Text;
using System.Text.Json;
using NetHelpfulness.Data;

namespace NetHelpfulness.Tests.Data.Spss;

/// <summary>The SPSS fixtures and what PSPP and haven made of them (fixtures/references/, written by fixtures/make-references.sh).</summary>
internal static class SpssReferences
{
    public static string Folder { get; } = ReferenceFiles.Path("tests", "NetHelpfulness.Tests", "Data", "Spss", "fixtures");

    /// <summary>Every fixture, as a path relative to <see cref="Folder"/>.</summary>
    public static IReadOnlyList<string> Fixtures { get; } =
    [
        .. Directory.GetFiles(Folder).Where(IsSystemFile).Select(f => System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal),
        .. Directory.GetFiles(System.IO.Path.Combine(Folder, "pspp-examples")).Where(IsSystemFile)
            .Select(f => "pspp-examples/" + System.IO.Path.GetFileName(f)).Order(StringComparer.Ordinal),
    ];

    public static TheoryData<string> FixtureData()
    {
        var data = new TheoryData<string>();
        foreach (var f in Fixtures)
        {
            data.Add(f);
        }

        return data;
    }

    public static string Path(string fixture) => System.IO.Path.Combine(Folder, fixture);

    public static HavenView Haven(string fixture) =>
        new(JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Folder, "references", System.IO.Path.GetFileName(fixture) + ".haven.json"))).RootElement);

    public static PsppView Pspp(string fixture) =>
        PsppView.Parse(System.IO.Path.Combine(Folder, "references", System.IO.Path.GetFileName(fixture) + ".pspp.csv"));

    /// <summary>A number as haven's reference writes it (sprintf("%.17g"), -Inf and Inf for open ranges).</summary>
    public static double Number(string text) => text switch
    {
        "-Inf" => double.NegativeInfinity,
        "Inf" => double.PositiveInfinity,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static bool IsSystemFile(string path) => path.EndsWith(".sav", StringComparison.Ordinal) || path.EndsWith(".zsav", StringComparison.Ordinal);
}

/// <summary>haven's <c>read_sav</c> of one fixture (references/FILE.haven.json, written by haven-reference.R).</summary>
internal sealed class HavenView(JsonElement root)
{
    public JsonElement Root { get; } = root;

    /// <summary>haven's error when it could not read the file, else null.</summary>
    public string? Error => Root.TryGetProperty("error", out var e) ? e.GetString() : null;

    public long Cases => Root.GetProperty("cases").GetInt64();

    /// <summary>1-based case numbers whose values are given (all, or a sample of a large file).</summary>
    public IReadOnlyList<long> CaseNumbers => [.. Root.GetProperty("case_numbers").EnumerateArray().Select(e => e.GetInt64())];

    public IReadOnlyList<JsonElement> Variables => [.. Root.GetProperty("variables").EnumerateArray()];

    /// <summary>Values of a variable as <c>read_sav(user_na = TRUE)</c> gives them: strings, numbers as %.17g text, null for NA.</summary>
    public IReadOnlyList<string?> ValuesUserNa(string name) => Column(Root.GetProperty("values_user_na"), name);

    /// <summary>Values as plain <c>read_sav()</c> gives them (user-missing values become NA).</summary>
    public IReadOnlyList<string?> Values(string name) => Column(Root.GetProperty("values"), name);

    public string? Sum(string name) => Root.GetProperty("sums").TryGetProperty(name, out var s) ? s.GetString() : null;

    private static IReadOnlyList<string?> Column(JsonElement values, string name)
    {
        var column = values.GetProperty(name);
        // jsonlite writes a one-case column as a scalar.
        return column.ValueKind == JsonValueKind.Array ? [.. column.EnumerateArray().Select(Text)] : [Text(column)];

        static string? Text(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetString();
    }
}

/// <summary>PSPP's SYSFILE INFO, DISPLAY DICTIONARY and LIST of one fixture, from its CSV output.</summary>
internal sealed class PsppView
{
    private PsppView(Dictionary<string, List<string[]>> tables, List<string> warnings)
    {
        Tables = tables;
        Warnings = warnings;
    }

    /// <summary>Each table by title (the last one of a title: DISPLAY DICTIONARY's, after SYSFILE INFO's); header row first.</summary>
    public Dictionary<string, List<string[]>> Tables { get; }

    public List<string> Warnings { get; }

    /// <summary>A row of the File Information table ("Cases", "Encoding", "Integer Format", "Compression", "Weight", …).</summary>
    public string Info(string key) => Tables["File Information"].Single(r => r[0] == key)[1];

    public static PsppView Parse(string path)
    {
        var tables = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
        var warnings = new List<string>();
        using var text = new StreamReader(path, Encoding.UTF8);
        var csv = new CsvRecordReader(text);
        var fields = new List<string>();
        List<string[]>? current = null;
        while (csv.TryRead(fields, out _, out var error))
        {
            Assert.Null(error);
            var first = fields[0];
            if (first.StartsWith("# pspp", StringComparison.Ordinal))
            {
                continue;
            }

            if (first.StartsWith("Table: ", StringComparison.Ordinal) && fields.Count == 1)
            {
                current = [];
                tables[first["Table: ".Length..]] = current;
                continue;
            }

            if (first.StartsWith("warning:", StringComparison.Ordinal) || first.StartsWith("error:", StringComparison.Ordinal))
            {
                warnings.Add(string.Join(",", fields));
                current = null;
                continue;
            }

            if (first.StartsWith("Footnote: ", StringComparison.Ordinal) && fields.Count == 1)
            {
                continue;
            }

            current?.Add([.. fields]);
        }

        return new PsppView(tables, warnings);
    }
}
