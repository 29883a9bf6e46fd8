using System.Reflection;
using System.Runtime.Loader;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Notebooks;
using NetHelpfulness.Simulation;
using NetHelpfulness.Tests.Figures;

namespace NetHelpfulness.Tests.Notebooks;

/// <summary>
/// The facade's settings (<c>StaticImages</c>, <c>ChromiumPath</c>) are process-wide, and some tests change them for a
/// moment: the tests that draw figures through the facade run one at a time, and close the facade's browser at the end.
/// </summary>
[CollectionDefinition(Collection)]
public sealed class FacadeSettings : ICollectionFixture<FacadeBrowser>
{
    public const string Collection = "notebook figure facade";
}

/// <summary>Closes the browser the facade started for static images, rather than leave it to the test host's exit.</summary>
public sealed class FacadeBrowser : IDisposable
{
    public void Dispose() => NotebookFigures.CloseBrowser();
}

/// <summary>
/// The notebooks' figure facade: it loads the figures library with Plotly.NET and FSharp.Core 10.1 into a private load
/// context from its figures-runtime folder, shares the core library with the context it was loaded into, and returns
/// HTML with the figure. Whether that holds in the official kernel, whose FSharp.Core is 10.0, is shown by running the
/// notebooks there (.ci/run).
/// </summary>
[Collection(FacadeSettings.Collection)]
public sealed class FacadeTests
{
    private static readonly Version FSharpCore10_1 = new(10, 1, 0, 0);

    [Fact]
    public void ThePrivateContextLoadsItsOwnFSharpCore10_1AndPlotlyNet()
    {
        WithoutImages(() => NotebookFigures.TrustSignals([Ratio("a", 2.5, 2.0, 3.1, 2.5)]));
        var runtime = FiguresRuntime.Current;
        var context = runtime.Context;

        var fsharp = Assert.Single(context.Assemblies, a => a.GetName().Name == "FSharp.Core");
        Assert.Equal(FSharpCore10_1, fsharp.GetName().Version);
        Assert.Equal(Path.Combine(runtime.Folder, "FSharp.Core.dll"), fsharp.Location);
        Assert.Same(context, AssemblyLoadContext.GetLoadContext(fsharp));
        Assert.NotSame(AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("FSharp.Core")), fsharp);
        var plotly = Assert.Single(context.Assemblies, a => a.GetName().Name == "Plotly.NET");
        Assert.StartsWith(runtime.Folder, plotly.Location, StringComparison.Ordinal);
        Assert.False(context.IsCollectible);
        Assert.Equal(Path.Combine(Path.GetDirectoryName(typeof(NotebookFigures).Assembly.Location)!, "figures-runtime"), runtime.Folder);

        var described = NotebookFigures.Runtime;
        Assert.StartsWith("10.1.0.0 (10.1.", described.FSharpCore, StringComparison.Ordinal);
        Assert.Equal("6.0.0", described.PlotlyNet);
        Assert.Equal(runtime.Folder, described.Folder);
    }

    [Fact]
    public void TheCoreLibraryIsSharedWithTheFiguresNotLoadedTwice()
    {
        WithoutImages(() => NotebookFigures.TrustSignals([Ratio("a", 2.5, 2.0, 3.1, null)]));
        var runtime = FiguresRuntime.Current;

        Assert.DoesNotContain(runtime.Context.Assemblies, a => a.GetName().Name == "NetHelpfulness");
        Assert.Same(AssemblyLoadContext.GetLoadContext(typeof(NotebookFigures).Assembly), runtime.Context.Host);
        // The figures' view of a core type is the caller's: the same Type object.
        var build = runtime.SpectrumRows.GetMethod("Build")!;
        Assert.Same(typeof(IReadOnlyList<ScenarioScore>), build.GetParameters()[1].ParameterType);
    }

    [Fact]
    public void LoadedIntoAKernelLikeContextTheFacadeSharesThatContextsCoreLibrary()
    {
        // The official kernel loads #r assemblies into a context of its own, not the default one. Load the facade and the
        // core library the same way: the private figures context must hand the figures that context's core library.
        var folder = Path.GetDirectoryName(typeof(NotebookFigures).Assembly.Location)!;
        var kernelLike = new FolderContext(folder);
        var facade = kernelLike.LoadFromAssemblyPath(Path.Combine(folder, "NetHelpfulness.Notebooks.dll"));
        var core = kernelLike.LoadFromAssemblyPath(Path.Combine(folder, "NetHelpfulness.dll"));
        Assert.NotSame(typeof(SurveyResponses).Assembly, core);

        var runtimeType = facade.GetType("NetHelpfulness.Notebooks.FiguresRuntime", throwOnError: true)!;
        var runtime = runtimeType.GetMethod("Load")!.Invoke(null, [Path.Combine(folder, "figures-runtime")])!;
        var context = (AssemblyLoadContext)runtimeType.GetProperty("Context")!.GetValue(runtime)!;
        var figures = (Assembly)runtimeType.GetProperty("Figures")!.GetValue(runtime)!;

        Assert.Same(core, context.LoadFromAssemblyName(new AssemblyName("NetHelpfulness")));
        var scenarioScore = figures.GetType("NetHelpfulness.Figures.SpectrumRows")!.GetMethod("Build")!.GetParameters()[1].ParameterType.GetGenericArguments()[0];
        Assert.Same(core.GetType("NetHelpfulness.Estimation.ScenarioScore"), scenarioScore);
    }

    [Fact]
    public void TheSpectrumOfTheShippedSurveyComesBackAsHtmlWithTheFigure()
    {
        var survey = SurveyReader.ReadFile(ReferenceFiles.Path("data", "synthetic", "survey.csv"), new SurveyReadOptions { WeightColumn = "weight" });
        var catalogue = ScenarioCatalogue.Read(ReferenceFiles.Path("data", "scenarios.csv"));
        var published = PublishedFigures.ReadNetScores(ReferenceFiles.Path("data", "published", "figure1.csv"));

        var figure = WithoutImages(() => NotebookFigures.Spectrum(
            RatingDistribution.ForEachScenario(survey), NetScore.ForEachScenario(survey, IntervalMethod.Linearized, 0.95),
            NotebookFigures.SyntheticStudyNote, "95% CI, design-based (linearized, weighted)", catalogue, published));

        Assert.Equal("creepy-to-helpful-spectrum", figure.Name);
        Assert.Contains("data-figure=\"creepy-to-helpful-spectrum\"", figure.Html, StringComparison.Ordinal);
        Assert.Contains("window.Plotly.newPlot(chart, spec.data, spec.layout", figure.Html, StringComparison.Ordinal);
        Assert.Contains("SYNTHETIC", figure.SpecJson, StringComparison.Ordinal);
        Assert.Contains("published net score (article)", figure.SpecJson, StringComparison.Ordinal);
        foreach (var scenario in catalogue.Scenarios)
        {
            Assert.Contains(scenario.Label.Split(' ')[0], figure.SpecJson, StringComparison.Ordinal);
        }

        // Without plotly.js, which comes once per notebook from PlotlyScript: tens of kilobytes, not megabytes.
        Assert.InRange(figure.Html.Length, 1_000, 300_000);
        Assert.DoesNotContain("window.define = undefined", figure.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheKernelFindsTheHtmlFormatterByItsNamingConvention()
    {
        // .NET Interactive looks for an attribute named TypeFormatterSourceAttribute with FormatterSourceType, creates the
        // source, and asks each of its formatters (MimeType, Format(object, TextWriter)); the official-kernel run of the
        // notebooks shows it working end to end. Here the same steps, by reflection, as the kernel takes them.
        var figure = WithoutImages(() => NotebookFigures.TrustSignals([Ratio("shares personal info", 2.4, 2.1, 2.8, 2.5)]));
        var attribute = figure.GetType().GetCustomAttributes(inherit: true).Single(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        var sourceType = (Type)attribute.GetType().GetProperty("FormatterSourceType")!.GetValue(attribute)!;
        var source = Activator.CreateInstance(sourceType, nonPublic: true)!;
        var formatters = ((IEnumerable<object>)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!).ToList();

        Assert.Equal(["text/html", "text/plain"], formatters.Select(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)!));
        Assert.Equal(figure.Html, Format(formatters[0], figure));
        Assert.Equal(figure.Text, Format(formatters[1], figure));

        static string Format(object formatter, object value)
        {
            using var writer = new StringWriter();
            Assert.True((bool)formatter.GetType().GetMethod("Format")!.Invoke(formatter, [value, writer])!);
            return writer.ToString();
        }
    }

    [Fact]
    public void PlotlyScriptEmbedsPlotlyJsWithDefineHidden()
    {
        var script = NotebookFigures.PlotlyScript();
        Assert.StartsWith("<script>window.__nethelpDefine = window.define; window.define = undefined;</script>", script.Html, StringComparison.Ordinal);
        Assert.Contains("plotly.js " + NotebookFigures.Runtime.PlotlyJs, script.Html, StringComparison.Ordinal);
        Assert.InRange(script.Html.Length, 3_000_000, 6_000_000);
    }

    [Fact]
    public void WithoutChromiumTheOutputSaysSoAndStillHasTheChart()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N"), "chromium");
        NotebookFigures.ChromiumPath = missing;
        try
        {
            var figure = NotebookFigures.TrustSignals([Ratio("a", 2.5, 2.0, 3.1, 2.5)]);
            Assert.Equal(StaticImageFormat.None, figure.Image.Format);
            Assert.Null(figure.Image.Bytes);
            Assert.Contains($"Chromium was not found at '{missing}'", figure.Image.Note, StringComparison.Ordinal);
            Assert.Contains("apt-get install chromium", figure.Html, StringComparison.Ordinal);
            Assert.DoesNotContain("<img", figure.Html, StringComparison.Ordinal);
            Assert.Contains("class=\"nethelp-chart\"", figure.Html, StringComparison.Ordinal);
        }
        finally
        {
            NotebookFigures.ChromiumPath = null;
        }
    }

    [ChromiumFact]
    public void WithChromiumAPngIsShownBesideTheChart()
    {
        var figure = NotebookFigures.TrustSignals([Ratio("a", 2.5, 2.0, 3.1, 2.5), Ratio("b", 1.6, 1.3, 1.9, 1.6)]);
        Assert.Equal(StaticImageFormat.Png, figure.Image.Format);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], figure.Image.Bytes![..4]);
        Assert.Contains("<img alt=\"Trust signals\" width=\"900\"", figure.Html, StringComparison.Ordinal);
        Assert.Contains("src=\"data:image/png;base64,", figure.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void CoverageIsDrawnOneTruthAtATime()
    {
        var results = CoverageStudy.Run(CoverageStudy.ClosedFormMethods, [.. CoverageStudy.DefaultTruths.Take(2)], [30, 100], replicates: 50);
        var error = Assert.Throws<ArgumentException>(() => NotebookFigures.IntervalCoverage(results));
        Assert.Contains("2 true share triples", error.Message, StringComparison.Ordinal);

        var truth = CoverageStudy.DefaultTruths[0];
        var figure = WithoutImages(() => NotebookFigures.IntervalCoverage([.. results.Where(r => r.Truth == truth)]));
        Assert.Equal("interval-coverage", figure.Name);
        Assert.Contains("True shares 68/21/11", figure.Html, StringComparison.Ordinal);
        Assert.Contains("50 simulated", figure.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void EffectsAndCountryFiguresAreDrawnFromPlainRows()
    {
        var effects = WithoutImages(() => NotebookFigures.Effects(
            [new LabelledEffect("relationship", 0.3, new ConfidenceInterval(0.25, 0.35, 0.95), "relationship")], dataNote: "SYNTHETIC test rows."));
        Assert.Equal("effects", effects.Name);
        Assert.Contains("SYNTHETIC test rows.", effects.SpecJson, StringComparison.Ordinal);

        var country = WithoutImages(() => NotebookFigures.CountryByScenario(
            [new CountryNetScore("DE", "Sale alert", 0.5, 400), new CountryNetScore("FR", "Sale alert", null, 12)], minimumCell: 30));
        Assert.Equal("country-by-scenario", country.Name);
        Assert.Contains("suppressed: fewer than 30 respondents", country.SpecJson, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelFiguresAreDrawnFromTheCoreLibrarysFitAcrossTheLoadContext()
    {
        var fit = NetHelpfulness.Tests.Model.ModelReference.Fit("net_saturated_country", "clusters");
        var coefficients = WithoutImages(() => NotebookFigures.ModelCoefficients(fit, "SYNTHETIC test data."));
        Assert.Equal("model-coefficients", coefficients.Name);
        Assert.Contains("tracking: geo tracking", coefficients.SpecJson, StringComparison.Ordinal);
        var predicted = WithoutImages(() => NotebookFigures.PredictedNetScores(fit.Margins(), "SYNTHETIC test data."));
        Assert.Equal("predicted-net-scores", predicted.Name);
        Assert.Contains("relationship: established", predicted.SpecJson, StringComparison.Ordinal);
    }

    [Fact]
    public void AFiguresArgumentErrorSurfacesAsItself()
    {
        var error = Assert.Throws<ArgumentException>(() => WithoutImages(() => NotebookFigures.TrustSignals([Ratio("bad", 2.5, 2.6, 3.1, null)])));
        Assert.Contains("the interval must contain the estimate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingRuntimeFolderIsAnErrorThatSaysWhatToBuild()
    {
        var error = Assert.Throws<InvalidOperationException>(() => FiguresRuntime.Load(Path.Combine(Path.GetTempPath(), "no-figures-runtime-" + Guid.NewGuid().ToString("N"))));
        Assert.Contains("NetHelpfulness.Notebooks package", error.Message, StringComparison.Ordinal);
        Assert.Contains("build of lib/NetHelpfulness.Notebooks", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheRuntimeFolderIsBesideTheFacadeOrElseAtThePackageRoot()
    {
        // The package layout: lib/net10.0/NetHelpfulness.Notebooks.dll and figures-runtime/ at the root (a kernel loads the
        // DLL from the NuGet cache); a build's output, or a project referencing the package, has the folder beside the DLL.
        var package = Directory.CreateTempSubdirectory("nethelp-package-").FullName;
        try
        {
            var dll = Path.Combine(package, "lib", "net10.0", "NetHelpfulness.Notebooks.dll");
            Directory.CreateDirectory(Path.GetDirectoryName(dll)!);
            Assert.Equal(Path.Combine(package, "lib", "net10.0", FiguresRuntime.FolderName), FiguresRuntime.FolderFor(dll));
            Directory.CreateDirectory(Path.Combine(package, FiguresRuntime.FolderName));
            Assert.Equal(Path.Combine(package, FiguresRuntime.FolderName), FiguresRuntime.FolderFor(dll));
            Directory.CreateDirectory(Path.Combine(package, "lib", "net10.0", FiguresRuntime.FolderName));
            Assert.Equal(Path.Combine(package, "lib", "net10.0", FiguresRuntime.FolderName), FiguresRuntime.FolderFor(dll));
        }
        finally
        {
            Directory.Delete(package, recursive: true);
        }
    }

    [Fact]
    public void TheFacadesPublicApiHasNoFSharpOrPlotlyTypes()
    {
        string[] forbidden = ["FSharp.Core", "Plotly.NET", "Plotly.NET.CSharp", "DynamicObj", "Giraffe.ViewEngine", "Newtonsoft.Json", "PuppeteerSharp", "NetHelpfulness.Figures"];
        var assembly = typeof(NotebookFigures).Assembly;
        var leaks = assembly.GetExportedTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .SelectMany(m => TypesOf(m).Select(x => (Member: $"{t.Name}.{m.Name}", Type: x))))
            .Where(x => forbidden.Contains(x.Type.Assembly.GetName().Name))
            .Select(x => $"{x.Member}: {x.Type}")
            .ToList();
        Assert.Empty(leaks);
        Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => forbidden.Contains(a.Name));
    }

    private static IEnumerable<Type> TypesOf(MemberInfo member) => member switch
    {
        MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
        ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
        PropertyInfo p => [p.PropertyType],
        FieldInfo f => [f.FieldType],
        _ => [],
    };

    private static LabelledRatio Ratio(string label, double estimate, double lower, double upper, double? published) =>
        new(label, new EffectEstimate(estimate, 0.1, new ConfidenceInterval(lower, upper, 0.95), EffectMethod.KatzLog), published);

    private static T WithoutImages<T>(Func<T> draw)
    {
        var previous = NotebookFigures.StaticImages;
        NotebookFigures.StaticImages = StaticImageFormat.None;
        try
        {
            return draw();
        }
        finally
        {
            NotebookFigures.StaticImages = previous;
        }
    }

    /// <summary>Like the kernel's context for a folder of <c>#r</c> assemblies: this repository's assemblies from the folder, the rest from the default context.</summary>
    private sealed class FolderContext(string folder) : AssemblyLoadContext("kernel-like #r context", isCollectible: false)
    {
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name is "NetHelpfulness" or "NetHelpfulness.Notebooks" ? LoadFromAssemblyPath(Path.Combine(folder, assemblyName.Name + ".dll")) : null;
    }
}
