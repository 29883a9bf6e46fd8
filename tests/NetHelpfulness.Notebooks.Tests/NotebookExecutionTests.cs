using System.Globalization;
using System.Text;
using NetHelpfulness.TestSupport;
using Xunit.Abstractions;

namespace NetHelpfulness.Notebooks.Tests;

/// <summary>The notebooks change the process's working directory, so they never run in parallel with anything.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookRunGroup : ICollectionFixture<NotebookBrowser>
{
    public const string Name = "notebooks";
}

/// <summary>
/// Closes the browser that the notebooks' figure facade started for static images once the notebooks have run: the test
/// host may be stopped without running exit handlers. The facade is the copy the notebooks loaded (by <c>#r</c>).
/// </summary>
public sealed class NotebookBrowser : IDisposable
{
    public void Dispose()
    {
        foreach (var facade in AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "NetHelpfulness.Notebooks"))
        {
            facade.GetType("NetHelpfulness.Notebooks.NotebookFigures")?.GetMethod("CloseBrowser")?.Invoke(null, null);
        }
    }
}

/// <summary>Runs every notebook in <c>notebooks/</c> in-process and fails on any cell error.</summary>
[Collection(NotebookRunGroup.Name)]
public sealed class NotebookExecutionTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CellTimeout = TimeSpan.FromMinutes(10);

    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryPaths.NotebookFiles())
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void ThereAreNotebooksToRun() => Assert.NotEmpty(Notebooks());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task NotebookRunsWithoutErrors(string notebook)
    {
        output.WriteLine(NotebookSurvey.Choose());
        UseTheLocalFeed();
        var run = await NotebookRunner.RunAsync(Path.Combine(RepositoryPaths.Notebooks, notebook), CellTimeout);
        var executedCopy = Path.Combine(RepositoryPaths.ExecutedNotebooks, notebook);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{notebook}: {run.Cells.Count} code cells in {run.Elapsed.TotalSeconds:F1} s; executed copy: {executedCopy}"));
        foreach (var cell in run.Cells)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  cell {cell.Position,2}: {cell.Elapsed.TotalSeconds,6:F1} s  {cell.FirstLine}"));
        }

        NotebookRunner.Write(run, executedCopy);
        var failures = run.FailedCells.ToList();
        Assert.True(failures.Count == 0, Describe(notebook, failures, executedCopy));

        var figures = NotebookFigureOutputs.Count(run.Executed);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{figures.Figures} figure(s) shown as HTML, {figures.StaticImages} with a static image; plotly.js embedded {figures.PlotlyScripts} time(s); executed copy {new FileInfo(executedCopy).Length / 1e6:F1} MB"));
        var problems = figures.Problems(run.Executed.Elements.Any(e => e.Contents.Contains("NotebookFigures.", StringComparison.Ordinal)));
        Assert.True(problems.Count == 0, $"{notebook}: {string.Join("; ", problems)}");
    }

    /// <summary>
    /// The notebooks reference the packages (<c>#r "nuget: NetHelpfulness, …"</c>) from the local feed: packed here if the
    /// sources changed, and restored, by the kernel's child processes, into this clone's own packages folder (see LocalFeed).
    /// </summary>
    private static void UseTheLocalFeed()
    {
        LocalFeed.EnsurePacked();
        Environment.SetEnvironmentVariable("NUGET_PACKAGES", LocalFeed.PackagesCache);
    }

    private static string Describe(string notebook, List<CellRun> failures, string executedCopy)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{notebook}: {failures.Count} cell(s) failed (outputs in {executedCopy})");
        foreach (var cell in failures)
        {
            text.AppendLine();
            text.Append(CultureInfo.InvariantCulture, $"cell {cell.Position} (\"{cell.FirstLine}\"): {string.Join(Environment.NewLine, cell.Errors)}");
        }

        return text.ToString();
    }
}
