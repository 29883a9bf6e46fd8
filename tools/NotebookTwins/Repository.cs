namespace NetHelpfulness.NotebookTwins;

/// <summary>Where the notebooks and their twins are.</summary>
internal static class Repository
{
    public static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NetHelpfulness.slnx")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    public static IEnumerable<string> Notebooks(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "notebooks"), "*.ipynb").Order(StringComparer.Ordinal);

    /// <summary>Each notebook's twin path and the text it should have.</summary>
    public static IEnumerable<(string TwinPath, string Expected)> Twins(string root)
    {
        var pinned = TwinGenerator.PinnedVersions(root);
        return Notebooks(root).Select(notebook => (Path.ChangeExtension(notebook, ".cs"), TwinGenerator.Generate(notebook, pinned)));
    }

    /// <summary>Twins (generated files in notebooks/) whose notebook no longer exists.</summary>
    public static IEnumerable<string> OrphanedTwins(string root) =>
        Directory.EnumerateFiles(Path.Combine(root, "notebooks"), "*.cs")
            .Where(twin => !File.Exists(Path.ChangeExtension(twin, ".ipynb")))
            .Where(twin => File.ReadLines(twin).Take(3).Any(line => line.Contains("generated from it by tools/NotebookTwins", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal);
}
