
namespace NetHelpfulness.Notebooks.Tests;

/// <summary>Finds the repository's folders from the test's output folder.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Notebooks => Path.Combine(Root, "notebooks");

    /// <summary>Where the runner writes executed copies of the notebooks (an ignored folder).</summary>
    public static string ExecutedNotebooks => Path.Combine(Root, "artifacts", "notebooks");

    public static IEnumerable<string> NotebookFiles() =>
        Directory.EnumerateFiles(Notebooks, "*.ipynb").Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NetHelpfulness.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find the repository root (NetHelpfulness.slnx) above " + AppContext.BaseDirectory);
    }
}
