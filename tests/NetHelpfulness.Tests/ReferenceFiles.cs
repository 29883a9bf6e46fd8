using System.Globalization;

namespace NetHelpfulness.Tests;

/// <summary>Finds the repository's files from the test's output folder, and reads R's reference tables.</summary>
internal static class ReferenceFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([RepositoryRoot, .. parts]);

    /// <summary>Reads a CSV written by a reference script: '#' lines are the R call, then a header and rows.</summary>
    public static IReadOnlyList<Dictionary<string, string>> ReadTable(string relativePath)
    {
        var lines = File.ReadAllLines(Path(relativePath.Split('/'))).Where(l => !l.StartsWith('#') && l.Length > 0).ToArray();
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Select(line =>
        {
            var fields = line.Split(',');
            return header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        })];
    }

    public static double Number(this Dictionary<string, string> row, string column) =>
        double.Parse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "NetHelpfulness.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (NetHelpfulness.slnx) above " + AppContext.BaseDirectory);
    }
}
