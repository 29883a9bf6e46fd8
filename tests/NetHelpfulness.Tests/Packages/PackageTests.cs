using System.Globalization;
using System.IO.Compression;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.TestSupport;
using Xunit.Abstractions;

namespace NetHelpfulness.Tests.Packages;

/// <summary>
/// The packages as a user outside the repository meets them (issue 16): <c>dotnet pack -c Release -o artifacts/packages</c>
/// at the root makes the four packages with their metadata; the tool installs into a tool path and scores the shipped
/// survey; the README's "Using the library" block runs as a file-based app against the packed package.
/// </summary>
public sealed partial class PackageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(10);

    private static string Survey => Path.Combine(LocalFeed.Root, "data", "synthetic", "survey.csv");

    [Fact]
    public void PackingTheRepositoryMakesTheFourPackagesWithMetadataDocsAndSymbols()
    {
        LocalFeed.EnsurePacked();
        foreach (var id in LocalFeed.PackageIds)
        {
            using var package = ZipFile.OpenRead(LocalFeed.PackagePath(id));
            var nuspec = Nuspec(package, id);
            string Meta(string name) => nuspec.Elements().SingleOrDefault(e => e.Name.LocalName == name)?.Value ?? "";
            Assert.Equal(LocalFeed.Version, Meta("version"));
            Assert.Equal("MIT", Meta("license"));
            Assert.Equal("README.md", Meta("readme"));
            Assert.NotNull(package.GetEntry("README.md"));
            Assert.True(Meta("description").Length > 80, $"{id}: description '{Meta("description")}'");
            Assert.Contains("net-helpfulness", Meta("tags"), StringComparison.Ordinal);
            Assert.Equal("git", (string?)nuspec.Elements().Single(e => e.Name.LocalName == "repository").Attribute("type"));
            Assert.True(File.Exists(Path.ChangeExtension(LocalFeed.PackagePath(id), ".snupkg")), $"{id}: no symbols package");
        }

        // The tool: one framework-dependent package for every platform (tools/net10.0/any/), precompiled for the packing one.
        using (var tool = ZipFile.OpenRead(LocalFeed.PackagePath("nethelp")))
        {
            Assert.NotNull(tool.GetEntry("tools/net10.0/any/DotnetToolSettings.xml"));
            Assert.NotNull(tool.GetEntry("tools/net10.0/any/nethelp.dll"));
            Assert.DoesNotContain(tool.Entries, e => e.FullName.StartsWith("tools/net10.0/", StringComparison.Ordinal) && !e.FullName.StartsWith("tools/net10.0/any/", StringComparison.Ordinal));
        }

        foreach (var library in new[] { "NetHelpfulness", "NetHelpfulness.Figures", "NetHelpfulness.Notebooks" })
        {
            using var package = ZipFile.OpenRead(LocalFeed.PackagePath(library));
            Assert.NotNull(package.GetEntry($"lib/net10.0/{library}.dll"));
            Assert.NotNull(package.GetEntry($"lib/net10.0/{library}.xml"));
        }
    }

    [Fact]
    public void TheNotebooksPackageCarriesItsFiguresRuntimeOutsideLibAndDependsOnTheCoreOnly()
    {
        LocalFeed.EnsurePacked();
        using var package = ZipFile.OpenRead(LocalFeed.PackagePath("NetHelpfulness.Notebooks"));
        var names = package.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        foreach (var file in new[] { "NetHelpfulness.Figures.dll", "NetHelpfulness.Figures.deps.json", "Plotly.NET.dll", "FSharp.Core.dll" })
        {
            Assert.Contains("figures-runtime/" + file, names);
        }

        // Under lib/ NuGet would hand FSharp.Core 10.1 to the notebook kernel, whose own is 10.0.
        Assert.Equal(["lib/net10.0/NetHelpfulness.Notebooks.dll", "lib/net10.0/NetHelpfulness.Notebooks.xml"], names.Where(n => n.StartsWith("lib/", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.Contains("buildTransitive/NetHelpfulness.Notebooks.targets", names);
        var dependencies = Nuspec(package, "NetHelpfulness.Notebooks").Descendants().Where(e => e.Name.LocalName == "dependency").Select(e => (string)e.Attribute("id")!);
        Assert.Equal(["NetHelpfulness"], dependencies);
    }

    [Fact]
    public void TheToolInstallsIntoAToolPathAndScoresTheShippedSurvey()
    {
        var feed = LocalFeed.EnsurePacked();
        using var tools = new TemporaryFolder("nethelp-tool");
        var install = LocalFeed.Run(LocalFeed.Dotnet(tools.Path, "tool", "install", "nethelp", "--tool-path", tools.Path, "--add-source", feed, "--version", LocalFeed.Version), CommandTimeout);
        Assert.True(install.Code == 0, $"dotnet tool install failed:\n{install.Stdout}\n{install.Stderr}");
        output.WriteLine(LocalFeed.Invariant($"dotnet tool install: {install.Elapsed.TotalSeconds:F1} s"));

        var score = LocalFeed.Run(Tool(tools.Path, "score", "--input", Survey, "--weight", "weight", "--format", "csv"), CommandTimeout);
        Assert.True(score.Code == 0, score.Stderr);
        var expected = NetScore.ForEachScenario(SurveyReader.ReadFile(Survey, new SurveyReadOptions { WeightColumn = "weight" }), IntervalMethod.Linearized, 0.95);
        var rows = score.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')).ToDictionary(f => f[0], f => f, StringComparer.Ordinal);
        Assert.Equal(expected.Count, rows.Count);
        foreach (var (scenario, estimate) in expected)
        {
            Assert.Equal(estimate.Estimate, double.Parse(rows[scenario][5], CultureInfo.InvariantCulture), 12);
            Assert.Equal(estimate.Interval.Lower, double.Parse(rows[scenario][7], CultureInfo.InvariantCulture), 12);
        }

        // The installed program is the packed one, precompiled (ReadyToRun) on the score path.
        var installed = Directory.EnumerateFiles(Path.Combine(tools.Path, ".store"), "nethelp.dll", SearchOption.AllDirectories).Single();
        Assert.True(IsReadyToRun(installed), installed + " is not ReadyToRun");
        Assert.True(IsReadyToRun(Path.Combine(Path.GetDirectoryName(installed)!, "NetHelpfulness.dll")));
    }

    [Fact]
    public void ScoreLoadsNeitherTheFiguresStackNorDataAnalysis()
    {
        // The built program (the same code as the tool's): NETHELP_STARTUP_REPORT lists the assemblies the process loaded.
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "nethelp.dll"), "score", "--input", Survey, "--weight", "weight" } };
        start = LocalFeed.WithPackagesCache(start);
        start.Environment["NETHELP_STARTUP_REPORT"] = "1";
        var run = LocalFeed.Run(start, CommandTimeout);
        Assert.True(run.Code == 0, run.Stderr);
        var loaded = run.Stderr.Split('\n').Single(l => l.StartsWith("startup: assemblies ", StringComparison.Ordinal))["startup: assemblies ".Length..].Trim().Split(',');
        output.WriteLine(string.Join(", ", loaded));
        Assert.Contains("NetHelpfulness", loaded);
        foreach (var unwanted in new[] { "NetHelpfulness.Figures", "FSharp.Core", "Plotly.NET", "PuppeteerSharp", "Microsoft.Data.Analysis", "Apache.Arrow" })
        {
            Assert.DoesNotContain(unwanted, loaded);
        }

        Assert.Contains(run.Stderr.Split('\n'), l => l.StartsWith("startup: read", StringComparison.Ordinal));
    }

    [Fact]
    public void TheReadmesUsingTheLibraryBlockRunsAsAFileBasedAppAgainstThePackedPackage()
    {
        var feed = LocalFeed.EnsurePacked();
        var block = ReadmeBlock();
        Assert.StartsWith($"#:package NetHelpfulness@{LocalFeed.Version}\n", block, StringComparison.Ordinal);

        // Elsewhere: a folder outside the repository (no Directory.Build.props above it), with a nuget.config naming the feed.
        using var app = new TemporaryFolder("readme-app");
        File.WriteAllText(Path.Combine(app.Path, "scores.cs"), block);
        File.WriteAllText(Path.Combine(app.Path, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="nethelpfulness" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        var run = LocalFeed.Run(LocalFeed.Dotnet(app.Path, "run", "scores.cs", "--", Survey), CommandTimeout);
        output.WriteLine(LocalFeed.Invariant($"dotnet run scores.cs: {run.Elapsed.TotalSeconds:F1} s\n{run.Stdout}"));
        Assert.True(run.Code == 0, $"{run.Stdout}\n{run.Stderr}");

        var expected = NetScore.ForEachScenario(SurveyReader.ReadFile(Survey), IntervalMethod.Linearized, 0.95);
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(expected.Count, lines.Length);
        foreach (var ((scenario, score), line) in expected.Zip(lines))
        {
            var match = ScoreLine().Match(line);
            Assert.True(match.Success, $"unexpected line '{line}'");
            Assert.Equal(scenario, match.Groups["scenario"].Value);
            Assert.Equal(Math.Round(100 * score.Estimate, 1), double.Parse(match.Groups["net"].Value, CultureInfo.InvariantCulture), 9);
        }
    }

    [Fact]
    public void TheVersionIsSetOnceAndQuotedAlikeEverywhere()
    {
        var version = LocalFeed.Version;
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", version);
        Assert.Contains($"version: {version}", File.ReadAllText(Path.Combine(LocalFeed.Root, "CITATION.cff")), StringComparison.Ordinal);
        var quoted = new[] { "README.md", "notebooks/README.md", "lib/NetHelpfulness/README.md", "lib/NetHelpfulness.Notebooks/README.md" }
            .SelectMany(file => VersionMention().Matches(File.ReadAllText(Path.Combine(LocalFeed.Root, file))).Select(m => (file, m.Value, m.Groups["version"].Value)))
            .ToList();
        Assert.NotEmpty(quoted);
        Assert.All(quoted, q => Assert.True(q.Item3 == version, $"{q.file}: '{q.Item2}' should name version {version}"));
        var projectsSettingAVersion = Directory.EnumerateFiles(LocalFeed.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(p => XDocument.Load(p).Descendants().Any(e => e.Name.LocalName is "Version" or "PackageVersion" or "VersionPrefix"))
            .ToList();
        Assert.True(projectsSettingAVersion.Count == 0, "the version is set in Directory.Build.props only: " + string.Join(", ", projectsSettingAVersion));
    }

    /// <summary>The first <c>```cs</c> block after the README's "## Using the library" heading.</summary>
    private static string ReadmeBlock()
    {
        var readme = File.ReadAllText(Path.Combine(LocalFeed.Root, "README.md")).ReplaceLineEndings("\n");
        var section = readme.IndexOf("\n## Using the library\n", StringComparison.Ordinal);
        Assert.True(section >= 0, "README.md has no '## Using the library' section");
        var start = readme.IndexOf("\n```cs\n", section, StringComparison.Ordinal) + "\n```cs\n".Length;
        var end = readme.IndexOf("\n```\n", start, StringComparison.Ordinal);
        return readme[start..end] + "\n";
    }

    private static System.Diagnostics.ProcessStartInfo Tool(string toolPath, params string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(Path.Combine(toolPath, "nethelp"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return LocalFeed.WithPackagesCache(start);
    }

    private static bool IsReadyToRun(string assembly)
    {
        using var pe = new PEReader(File.OpenRead(assembly));
        return pe.PEHeaders.CorHeader?.ManagedNativeHeaderDirectory.Size > 0;
    }

    private static XElement Nuspec(ZipArchive package, string id)
    {
        using var stream = package.GetEntry(id + ".nuspec")!.Open();
        return XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
    }

    [GeneratedRegex(@"^(?<scenario>[a-z_]+) (?<net>[+-]\d+\.\d) \[[+-]\d+\.\d, [+-]\d+\.\d\]$")]
    private static partial Regex ScoreLine();

    [GeneratedRegex(@"(?:#:package NetHelpfulness(?:\.Notebooks)?@|nuget: NetHelpfulness(?:\.Notebooks)?, )(?<version>[0-9][0-9A-Za-z.-]*)")]
    private static partial Regex VersionMention();
}

/// <summary>A folder under the system's temporary folder, removed at the end of the test.</summary>
internal sealed class TemporaryFolder : IDisposable
{
    public TemporaryFolder(string prefix)
    {
        Path = Directory.CreateTempSubdirectory($"nethelp-{prefix}-").FullName;
    }

    public string Path { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Leftovers in the temporary folder do no harm; the test's result is what matters.
        }
    }
}
