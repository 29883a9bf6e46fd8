using System.Globalization;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Simulation;

namespace NetHelpfulness.Notebooks;

/// <summary>
/// The study's figures for notebooks, from the core library's results. Each call returns a <see cref="NotebookFigure"/>
/// that the kernel shows as the interactive chart with a static image beside it; call <see cref="PlotlyScript"/> once
/// per notebook, before or after the figures, to embed plotly.js.
/// </summary>
/// <remarks>
/// The figures are drawn by NetHelpfulness.Figures with Plotly.NET 6, which needs FSharp.Core 10.1 while the official
/// kernel (Microsoft.dotnet-interactive 1.0.712001) carries FSharp.Core 10.0. This facade therefore has no F# or Plotly
/// type in its API and loads the figures library, Plotly.NET and FSharp.Core 10.1 into a private load context from the
/// <c>figures-runtime</c> folder next to its DLL; only core-library results, strings and numbers go in, and HTML, JSON and
/// image bytes come out. See notebooks/README.md, "How figures load in the kernel".
/// </remarks>
public static class NotebookFigures
{
    private static string? _chromiumPath;

    /// <summary>The static image beside each chart: PNG (default), SVG or none.</summary>
    public static StaticImageFormat StaticImages { get; set; } = StaticImageFormat.Png;

    /// <summary>
    /// The Chromium used for static images; null (default) for <c>NETHELP_CHROMIUM</c>, else <c>/usr/bin/chromium</c>.
    /// Setting it closes a browser already started for another path.
    /// </summary>
    public static string? ChromiumPath
    {
        get => _chromiumPath;
        set
        {
            if (value != _chromiumPath)
            {
                Notebooks.StaticImages.Close();
                _chromiumPath = value;
            }
        }
    }

    /// <summary>
    /// Closes the browser started for static images, if any (it also closes when the kernel exits); the next figure
    /// starts a new one.
    /// </summary>
    public static void CloseBrowser() => Notebooks.StaticImages.Close();

    /// <summary>The figures runtime: its folder, its private load context, and the FSharp.Core, Plotly.NET and plotly.js it loaded.</summary>
    /// <exception cref="InvalidOperationException">The runtime folder is missing (build lib/NetHelpfulness.Notebooks).</exception>
    public static FiguresRuntimeInfo Runtime => FiguresRuntime.Current.Describe();

    /// <summary>The note for the package's synthetic survey, as the figures library words it for the spectrum's subtitle.</summary>
    public static string SyntheticStudyNote => FiguresRuntime.Constant(FiguresRuntime.Current.SpectrumOptions, "SyntheticStudyNote");

    /// <summary>
    /// plotly.js, embedded once per notebook (about 3.6 MB) so that every chart draws offline; each figure waits for it.
    /// AMD <c>define</c> is hidden while it loads, so front ends with require.js leave <c>window.Plotly</c> defined.
    /// </summary>
    /// <remarks>
    /// It also starts, in the background, what the first figure would otherwise wait for: the browser that exports the
    /// static images, and a first small chart that loads and compiles Plotly.NET. The notebook meanwhile loads its data.
    /// </remarks>
    public static NotebookHtml PlotlyScript()
    {
        var runtime = FiguresRuntime.Current;
        Notebooks.StaticImages.StartEarly(runtime, StaticImages, ChromiumPath);
        Warmup.Start(runtime);
        var version = runtime.PlotlyJsVersion;
        return new NotebookHtml(
            runtime.PlotlyScript + $"<p style=\"color:#555;font-size:0.9em;margin:2px 0\">plotly.js {version} is embedded here, once for this notebook, so that its interactive charts draw offline; where scripts do not run, each chart's static image shows instead.</p>\n",
            $"plotly.js {version} embedded once for this notebook (the interactive charts draw from it; where scripts do not run, their static images show).");
    }

    /// <summary>
    /// The creepy-to-helpful spectrum (the article's Figure 1): one row per scenario sorted by net score, a diverging
    /// stacked bar of the rating distribution, the net score with its interval, rows marked by relationship × tracking,
    /// and the article's published values where given. As <c>nethelp reproduce</c> draws it.
    /// </summary>
    /// <param name="distributions">Per scenario, from <c>RatingDistribution.ForEachScenario</c>.</param>
    /// <param name="scores">Per scenario, from <c>NetScore.ForEachScenario</c>.</param>
    /// <param name="dataNote">Provenance of the bars for the subtitle; say "synthetic" where the data are (<see cref="SyntheticStudyNote"/>).</param>
    /// <param name="intervalNote">How the intervals were computed, for example "95% CI, design-based (linearized, weighted)".</param>
    /// <param name="catalogue">The scenario catalogue (labels, relationship, tracking), if any.</param>
    /// <param name="published">The article's published values, if any.</param>
    /// <exception cref="ArgumentException">No scenarios, or a scenario with a distribution but no score.</exception>
    public static NotebookFigure Spectrum(
        IReadOnlyList<ScenarioRatingDistribution> distributions,
        IReadOnlyList<ScenarioScore> scores,
        string dataNote,
        string intervalNote = "95% CI",
        ScenarioCatalogue? catalogue = null,
        IReadOnlyList<PublishedNetScore>? published = null)
    {
        ArgumentNullException.ThrowIfNull(distributions);
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(dataNote);
        if (distributions.Count == 0)
        {
            throw new ArgumentException("the spectrum needs at least one scenario's distribution", nameof(distributions));
        }

        var runtime = Ready();
        var rows = FiguresRuntime.Call(runtime.SpectrumRows, "Build", distributions, scores, catalogue, published);
        var categories = FiguresRuntime.Call(runtime.SpectrumRows, "CategoriesOf", distributions[0].Distribution.Scale);
        var options = FiguresRuntime.New(runtime.SpectrumOptions, dataNote, intervalNote);
        return Finish(runtime, FiguresRuntime.Call(runtime.StudyFigures, "CreepyToHelpfulSpectrum", rows, categories, options), null);
    }

    /// <summary>Trust-signal ratios with their intervals on a log axis, the article's ratios as crosses.</summary>
    /// <param name="ratios">The ratios, in the order to draw them (top to bottom).</param>
    /// <param name="ratioName">What the ratios are, for the axis and legend ("risk ratio" or "odds ratio").</param>
    /// <param name="intervalNote">How the intervals were computed.</param>
    /// <param name="dataNote">Provenance, shown in the subtitle; say "synthetic" where the data are.</param>
    /// <exception cref="ArgumentException">No ratios, or a ratio or limit that is not positive.</exception>
    public static NotebookFigure TrustSignals(IReadOnlyList<LabelledRatio> ratios, string ratioName = "risk ratio", string intervalNote = "95% CI", string? dataNote = null)
    {
        ArgumentNullException.ThrowIfNull(ratios);
        var runtime = Ready();
        var rows = FiguresRuntime.ListOf(runtime.RatioRow, ratios.Select(r =>
            FiguresRuntime.New(runtime.RatioRow, r.Label, r.Ratio.Estimate, r.Ratio.Interval.Lower, r.Ratio.Interval.Upper, r.Published)));
        return Finish(runtime, FiguresRuntime.Call(runtime.StudyFigures, "TrustSignals", rows, ratioName, intervalNote, dataNote), null);
    }

    /// <summary>
    /// Each interval method's empirical coverage against sample size, from a coverage study of one true share triple,
    /// with the nominal level and the band of ±2 Monte-Carlo standard errors.
    /// </summary>
    /// <param name="results">Results of <c>CoverageStudy.Run</c> for one truth (select them with <c>Where(r =&gt; r.Truth == …)</c>).</param>
    /// <exception cref="ArgumentException">No results, results of several truths, or of different levels or replicate counts.</exception>
    public static NotebookFigure IntervalCoverage(IReadOnlyList<CoverageResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            throw new ArgumentException("the coverage figure needs results of the coverage study", nameof(results));
        }

        var truths = results.Select(r => r.Truth).Distinct().ToList();
        if (truths.Count > 1)
        {
            throw new ArgumentException(
                $"the results hold {truths.Count} true share triples ({string.Join(", ", truths)}); draw one at a time, e.g. results.Where(r => r.Truth == truth)", nameof(results));
        }

        var first = results[0];
        if (results.Any(r => r.Level != first.Level || r.Replicates != first.Replicates))
        {
            throw new ArgumentException("the results must share one confidence level and one number of replicates", nameof(results));
        }

        var runtime = Ready();
        var points = FiguresRuntime.ListOf(runtime.CoveragePoint, results.Select(r => FiguresRuntime.New(runtime.CoveragePoint, r.Method, r.N, r.Coverage)));
        var caption = string.Create(CultureInfo.InvariantCulture,
            $"True shares {first.Truth} (helpful/neutral/creepy, %), true net score {first.Truth.Net * 100:+0;−0;0}; {first.Replicates:N0} simulated simple random samples (synthetic) per point.");
        return Finish(runtime, FiguresRuntime.Call(runtime.StudyFigures, "IntervalCoverage", points, first.Level, first.Replicates), caption);
    }

    /// <summary>Forest plot of effects on the net score (relationship, tracking, matched contrasts), in the order given.</summary>
    /// <param name="effects">The effects with their intervals.</param>
    /// <param name="intervalNote">How the intervals were computed.</param>
    /// <param name="dataNote">Provenance, shown in the subtitle; say "synthetic" where the data are.</param>
    /// <exception cref="ArgumentException">No effects, or an interval that does not contain its estimate.</exception>
    public static NotebookFigure Effects(IReadOnlyList<LabelledEffect> effects, string intervalNote = "95% CI", string? dataNote = null)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var runtime = Ready();
        var rows = FiguresRuntime.ListOf(runtime.EffectRow, effects.Select(e =>
            FiguresRuntime.New(runtime.EffectRow, e.Label, e.Estimate, e.Interval.Lower, e.Interval.Upper, e.Group)));
        return Finish(runtime, FiguresRuntime.Call(runtime.StudyFigures, "Effects", rows, intervalNote, dataNote), null);
    }

    /// <summary>
    /// Forest plot of the relationship and tracking effects from <c>Effects.EstimateAll</c>, labelled and grouped as
    /// <c>nethelp reproduce</c> draws them: the relationship effect and its matched contrasts, then the tracking effects.
    /// </summary>
    /// <param name="effects">The effects, in the order to draw them (top to bottom).</param>
    /// <param name="intervalNote">How the intervals were computed.</param>
    /// <param name="dataNote">Provenance, shown in the subtitle; say "synthetic" where the data are.</param>
    /// <exception cref="ArgumentException">No effects.</exception>
    public static NotebookFigure Effects(IReadOnlyList<ContrastEffect> effects, string intervalNote = "95% CI, design-based (linearized)", string? dataNote = null)
    {
        ArgumentNullException.ThrowIfNull(effects);
        return Effects([.. effects.Select(e => new LabelledEffect(e.Effect.ShortLabel, e.Difference.Estimate, e.Difference.Interval, e.Effect.Family))], intervalNote, dataNote);
    }

    /// <summary>Heatmap of net scores by country and scenario on a diverging scale centred on 0; small cells suppressed and marked.</summary>
    /// <param name="cells">One per country and scenario.</param>
    /// <param name="minimumCell">Cells with fewer respondents are suppressed.</param>
    /// <param name="dataNote">Provenance, shown in the subtitle; say "synthetic" where the data are.</param>
    /// <exception cref="ArgumentException">No cells, a duplicate cell, or a net score outside [−1, 1].</exception>
    public static NotebookFigure CountryByScenario(IReadOnlyList<CountryNetScore> cells, int minimumCell = Defaults.MinimumCell, string? dataNote = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var runtime = Ready();
        var rows = FiguresRuntime.ListOf(runtime.CountryScenarioCell, cells.Select(c =>
            FiguresRuntime.New(runtime.CountryScenarioCell, c.Country, c.Scenario, c.Net, c.N)));
        return Finish(runtime, FiguresRuntime.Call(runtime.StudyFigures, "CountryByScenario", rows, minimumCell, dataNote), null);
    }

    /// <summary>
    /// Forest plot of a design-based model's coefficients (<c>SurveyModel.Fit</c>), the intercept and aliased columns left
    /// out: differences in net points for a linear model, odds ratios on a log axis for a logistic one; a marker shape per
    /// term. As <c>nethelp reproduce</c> draws it.
    /// </summary>
    /// <param name="fit">The fitted model.</param>
    /// <param name="dataNote">Provenance, shown in the subtitle; say "synthetic" where the data are.</param>
    /// <param name="title">The title (default: the outcome and the terms).</param>
    /// <exception cref="ArgumentException">The model has no coefficient besides the intercept.</exception>
    public static NotebookFigure ModelCoefficients(SurveyModelFit fit, string? dataNote = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var runtime = Ready();
        return Finish(runtime, FiguresRuntime.Call(runtime.ModelFigures, "Coefficients", fit, dataNote, title), null);
    }

    /// <summary>
    /// Interaction plot of a model's predictive margins (<c>fit.Margins()</c>): predicted net scores (or shares) of the
    /// relationship × tracking cells, tracking along x and a line per relationship, each with its interval; cells that are
    /// not estimable are gaps. As <c>nethelp reproduce</c> draws it.
    /// </summary>
    /// <param name="margins">The predictive margins.</param>
    /// <param name="dataNote">Provenance, shown in the subtitle; say "synthetic" where the data are.</param>
    /// <param name="title">The title (default: what is predicted, by what).</param>
    /// <exception cref="ArgumentException">No margin variable, or no estimable cell.</exception>
    public static NotebookFigure PredictedNetScores(PredictiveMargins margins, string? dataNote = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(margins);
        var runtime = Ready();
        return Finish(runtime, FiguresRuntime.Call(runtime.ModelFigures, "Predicted", margins, dataNote, title), null);
    }

    // The runtime, once a background warm-up (if any) is done.
    private static FiguresRuntime Ready()
    {
        var runtime = FiguresRuntime.Current;
        Warmup.Wait();
        return runtime;
    }

    private static NotebookFigure Finish(FiguresRuntime runtime, object? figure, string? caption)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var data = FiguresRuntime.Read(figure!);
        return new NotebookFigure(data, Notebooks.StaticImages.Export(runtime, data, StaticImages, ChromiumPath), caption);
    }
}
