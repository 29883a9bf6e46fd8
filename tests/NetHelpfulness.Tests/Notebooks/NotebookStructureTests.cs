using System.Text.Json.Nodes;

namespace NetHelpfulness.Tests.Notebooks;

/// <summary>
/// The committed notebooks are valid nbformat 4 with Polyglot C# metadata, carry no outputs, open with their question and
/// provenance, and pin the packages of Directory.Packages.props. Running them is tested in NetHelpfulness.Notebooks.Tests.
/// </summary>
public sealed class NotebookStructureTests
{
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var name in NotebookChecks.NotebookNames())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void TheNotebooksFolderHasNotebooks() => Assert.NotEmpty(NotebookChecks.NotebookNames());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void IsValidNbformat4(string notebook) => AssertNone(notebook, NotebookChecks.Format(NotebookChecks.Load(notebook)));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void HasPolyglotCSharpMetadata(string notebook) => AssertNone(notebook, NotebookChecks.Kernel(NotebookChecks.Load(notebook)));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void IsCommittedWithoutOutputs(string notebook) => AssertNone(notebook, NotebookChecks.NoOutputs(NotebookChecks.Load(notebook)));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void OpensWithQuestionProvenanceAndWhatItShows(string notebook) => AssertNone(notebook, NotebookChecks.Opening(NotebookChecks.Load(notebook)));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void PinsPackagesAsDirectoryPackagesProps(string notebook) =>
        AssertNone(notebook, NotebookChecks.PackagePins(NotebookChecks.Load(notebook), NotebookChecks.PinnedVersions()));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void ReferencesThePackagesOnly(string notebook) =>
        AssertNone(notebook, NotebookChecks.LocalReferences(NotebookChecks.Load(notebook)));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void IsDescribedInTheNotebooksReadme(string notebook) =>
        Assert.Contains(notebook, File.ReadAllText(Path.Combine(NotebookChecks.NotebooksFolder, "README.md")), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void AddsTheLocalFeedWithTheSameSetupCellAsTheFirstNotebook(string notebook) =>
        Assert.Equal(NotebookChecks.FeedSetupCell(NotebookChecks.Load(NotebookChecks.NotebookNames().First())), NotebookChecks.FeedSetupCell(NotebookChecks.Load(notebook)));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void EmbedsPlotlyJsOnceIfItDrawsFigures(string notebook) => AssertNone(notebook, NotebookChecks.PlotlyScriptOnce(NotebookChecks.Load(notebook)));

    // The checks themselves can fail: each flags a notebook broken in the way it guards against.

    [Fact]
    public void PlotlyCheckFlagsFiguresWithoutScriptAScriptTwiceAndAScriptWithoutFigures()
    {
        var notebook = Valid();
        Cell(notebook, 1)["source"] = "NotebookFigures.Spectrum(d, s, note)";
        Assert.Single(NotebookChecks.PlotlyScriptOnce(notebook));
        Cell(notebook, 1)["source"] = "NotebookFigures.PlotlyScript()\nNotebookFigures.PlotlyScript()\nNotebookFigures.Spectrum(d, s, note)";
        Assert.Contains("2 times", Assert.Single(NotebookChecks.PlotlyScriptOnce(notebook)), StringComparison.Ordinal);
        Cell(notebook, 1)["source"] = "display(NotebookFigures.Runtime);\nNotebookFigures.PlotlyScript()";
        Assert.Contains("draws no figure", Assert.Single(NotebookChecks.PlotlyScriptOnce(notebook)), StringComparison.Ordinal);
        Cell(notebook, 1)["source"] = "display(NotebookFigures.Runtime);\nNotebookFigures.PlotlyScript()\nNotebookFigures.TrustSignals(rows)";
        Assert.Empty(NotebookChecks.PlotlyScriptOnce(notebook));
    }

    [Fact]
    public void TheMinimalNotebookPassesEveryCheck()
    {
        var notebook = Valid();
        Assert.Empty(NotebookChecks.Format(notebook));
        Assert.Empty(NotebookChecks.Kernel(notebook));
        Assert.Empty(NotebookChecks.NoOutputs(notebook));
        Assert.Empty(NotebookChecks.Opening(notebook));
        Assert.Empty(NotebookChecks.PackagePins(notebook, NotebookChecks.PinnedVersions()));
        Assert.Empty(NotebookChecks.LocalReferences(notebook));
    }

    [Fact]
    public void FormatCheckFlagsWrongVersionCellTypeSourceAndDuplicateIds()
    {
        var notebook = Valid();
        notebook["nbformat"] = 3;
        notebook["cells"]!.AsArray().Add(new JsonObject { ["cell_type"] = "heading", ["id"] = "intro", ["metadata"] = new JsonObject(), ["source"] = 7 });
        var problems = NotebookChecks.Format(notebook);
        Assert.Contains(problems, p => p.Contains("nbformat must be 4", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cell_type 'heading'", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("source must be", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("id 'intro' is used twice", StringComparison.Ordinal));
    }

    [Fact]
    public void FormatCheckFlagsCodeCellWithoutOutputsAndMarkdownWithOutputs()
    {
        var notebook = Valid();
        Cell(notebook, 0)["outputs"] = new JsonArray();
        Cell(notebook, 1).Remove("outputs");
        var problems = NotebookChecks.Format(notebook);
        Assert.Contains("cell 1: only code cells have outputs and execution_count", problems);
        Assert.Contains("cell 2: a code cell needs an outputs array", problems);
    }

    [Fact]
    public void KernelCheckFlagsAnotherKernel()
    {
        var notebook = Valid();
        notebook["metadata"]!["kernelspec"]!["name"] = "python3";
        Cell(notebook, 1)["metadata"]!["polyglot_notebook"]!["kernelName"] = "fsharp";
        var problems = NotebookChecks.Kernel(notebook);
        Assert.Equal(2, problems.Count);
    }

    [Fact]
    public void OutputsCheckFlagsOutputsAndExecutionCounts()
    {
        var notebook = Valid();
        Cell(notebook, 1)["outputs"] = new JsonArray(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "1" });
        Cell(notebook, 1)["execution_count"] = 1;
        Assert.Equal(2, NotebookChecks.NoOutputs(notebook).Count);
    }

    [Fact]
    public void OpeningCheckFlagsMissingProvenance()
    {
        var notebook = Valid();
        Cell(notebook, 0)["source"] = "# Title\n\n**Question.** Why?\n\n**What it shows.** A table.";
        Assert.Equal(["the first cell must contain '**Data and provenance.**'", "the first cell must contain 'synthetic'"], NotebookChecks.Opening(notebook));
    }

    [Fact]
    public void PinCheckFlagsUnpinnedWrongAndMissingVersions()
    {
        var notebook = Valid();
        Cell(notebook, 1)["source"] = new JsonArray("#r \"nuget: Microsoft.Data.Analysis, 0.22.0\"\n", "#r \"nuget: MathNet.Numerics\"\n", "#r \"nuget:Unknown.Package, 1.0.0\"\n", "#r \"nuget: xunit, 2.9.3\"\n", "#r \"nuget: NetHelpfulness, 0.0.9\"");
        var problems = NotebookChecks.PackagePins(notebook, NotebookChecks.PinnedVersions());
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.Contains("must be \"nuget: NetHelpfulness, 0.1.0\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("must be \"nuget: Microsoft.Data.Analysis, 0.23.1\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("must be \"nuget: MathNet.Numerics, 5.0.0\"", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Unknown.Package is not pinned", StringComparison.Ordinal));
    }

    [Fact]
    public void LocalReferenceCheckFlagsAssembliesByPathAndANotebookWithoutTheLibrary()
    {
        var notebook = Valid();
        Cell(notebook, 1)["source"] = "#r \"../lib/NetHelpfulness/bin/Release/net10.0/NetHelpfulness.dll\"\n#r \"../artifacts/notebook-lib/NetHelpfulness.dll\"";
        var problems = NotebookChecks.LocalReferences(notebook);
        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("no cell references the library", StringComparison.Ordinal));
    }

    [Fact]
    public void LocalReferenceCheckFlagsTheFiguresLibraryAndPlotly()
    {
        var notebook = Valid();
        Cell(notebook, 1)["source"] = "#r \"nuget: NetHelpfulness.Figures, 0.1.0\"\n#r \"nuget: Plotly.NET, 6.0.0\"\n#r \"nuget: NetHelpfulness.Notebooks, 0.1.0\"\n#r \"nuget: NetHelpfulness, 0.1.0\"";
        var problems = NotebookChecks.LocalReferences(notebook);
        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains("FSharp.Core 10.1", p, StringComparison.Ordinal));
    }

    private static JsonObject Cell(JsonObject notebook, int index) => notebook["cells"]![index]!.AsObject();

    /// <summary>A minimal notebook that passes every check.</summary>
    private static JsonObject Valid() => JsonNode.Parse("""
        {
          "cells": [
            { "cell_type": "markdown", "id": "intro", "metadata": {},
              "source": ["# Title\n", "**Question.** Why?\n", "**Data and provenance.** synthetic.\n", "**What it shows.** A table."] },
            { "cell_type": "code", "id": "setup", "execution_count": null, "outputs": [],
              "metadata": { "dotnet_interactive": { "language": "csharp" }, "polyglot_notebook": { "kernelName": "csharp" } },
              "source": "#r \"nuget: Microsoft.Data.Analysis, 0.23.1\"\n#r \"nuget: NetHelpfulness, 0.1.0\"" }
          ],
          "metadata": {
            "kernelspec": { "display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp" },
            "polyglot_notebook": { "kernelInfo": { "defaultKernelName": "csharp", "items": [ { "name": "csharp" } ] } }
          },
          "nbformat": 4,
          "nbformat_minor": 5
        }
        """)!.AsObject();

    private static void AssertNone(string notebook, List<string> problems) =>
        Assert.True(problems.Count == 0, $"notebooks/{notebook}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
}
