using System.Text.Json.Nodes;
using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Figures;

namespace NetHelpfulness.Tests.Figures;

/// <summary>The figures' plotly.js specifications and HTML, checked without a browser.</summary>
public class StudyFiguresTests
{
    private static JsonObject Spec(Figure f) => JsonNode.Parse(f.SpecJson)!.AsObject();

    private static JsonArray Traces(Figure f) => Spec(f)["data"]!.AsArray();

    private static JsonObject Trace(Figure f, string name) => Traces(f).Single(t => (string?)t!["name"] == name)!.AsObject();

    private static double[] Numbers(JsonNode? array) => [.. array!.AsArray().Select(v => v!.GetValue<double>())];

    [Fact]
    public void Spectrum_has_one_bar_trace_per_category_with_one_bar_per_scenario()
    {
        var f = FigureSamples.Spectrum();
        Assert.Equal(StudyFigures.SpectrumName, f.Name);
        var bars = Traces(f).Where(t => (string?)t!["type"] == "bar").Select(t => t!.AsObject()).ToList();
        Assert.Equal(["very creepy", "creepy", "neutral", "helpful", "very helpful"], bars.Select(b => (string)b["name"]!).Order(Comparer<string>.Create((a, b) =>
            FigureSamples.FivePoint.ToList().FindIndex(c => c.Label == a).CompareTo(FigureSamples.FivePoint.ToList().FindIndex(c => c.Label == b)))));
        Assert.All(bars, b => Assert.Equal(4, b["x"]!.AsArray().Count));
        Assert.All(bars, b => Assert.Equal("h", (string?)b["orientation"]));
    }

    [Fact]
    public void Spectrum_draws_creepy_left_of_zero_helpful_right_and_neutral_in_its_own_panel()
    {
        var f = FigureSamples.Spectrum();
        Assert.All(Numbers(Trace(f, "very creepy")["x"]), x => Assert.True(x < 0));
        Assert.All(Numbers(Trace(f, "creepy")["x"]), x => Assert.True(x < 0));
        Assert.All(Numbers(Trace(f, "very helpful")["x"]), x => Assert.True(x > 0));
        Assert.Equal("x2", (string?)Trace(f, "neutral")["xaxis"]);

        // Each row's five segments add up to 100% of its respondents.
        var names = FigureSamples.FivePoint.Select(c => c.Label).ToList();
        for (var row = 0; row < 4; row++)
        {
            Assert.Equal(100, names.Sum(n => Math.Abs(Numbers(Trace(f, n)["x"])[row])), 9);
        }
    }

    [Fact]
    public void Spectrum_rows_run_from_the_highest_net_score_at_the_top_to_the_lowest()
    {
        var f = FigureSamples.Spectrum();
        var order = Spec(f)["layout"]!["yaxis"]!["categoryarray"]!.AsArray().Select(v => (string)v!).ToList();
        // Plotly lists categories bottom-up.
        Assert.Equal(["Coffee ad after a chat", "Retargeted ad, unknown brand", "In-aisle offer", "Sale alert"], order);
    }

    [Fact]
    public void Spectrum_shows_the_net_score_with_whiskers_and_the_published_values_as_their_own_markers()
    {
        var f = FigureSamples.Spectrum();
        var nets = Traces(f).Where(t => (string?)t!["xaxis"] == "x3" && t!["error_x"] is not null).ToList();
        Assert.Equal(4, nets.Count); // one per relationship × tracking group of the sample
        Assert.All(nets, t => Assert.Equal(0.02 * 100, Numbers(t!["error_x"]!["array"])[0], 9));
        var publishedNet = Trace(f, "published net score (article)");
        Assert.Equal([57.0, 38.0, -27.0], Numbers(publishedNet["x"]).Order().Reverse(), new ToleranceComparer(1e-9));
        var publishedShares = Trace(f, "published % helpful and % creepy (article)");
        Assert.Equal([-53.0, -11.0, 26.0, 68.0], Numbers(publishedShares["x"]).Order(), new ToleranceComparer(1e-9));
    }

    [Fact]
    public void Spectrum_says_the_bars_are_synthetic_and_uses_percentage_points()
    {
        var layout = Spec(FigureSamples.Spectrum())["layout"]!;
        Assert.Contains("SYNTHETIC", (string)layout["title"]!["text"]!, StringComparison.Ordinal);
        Assert.Contains("calibrated to the article's published figures", (string)layout["title"]!["text"]!, StringComparison.Ordinal);
        Assert.Equal("net score (percentage points)", (string)layout["xaxis3"]!["title"]!["text"]!);
    }

    [Fact]
    public void Spectrum_marks_groups_by_shape_filled_for_a_relationship_and_open_without()
    {
        var f = FigureSamples.Spectrum();
        Assert.Equal("circle", (string?)Trace(f, "established relationship · no deep tracking")["marker"]!["symbol"]);
        Assert.Equal("diamond-open", (string?)Trace(f, "no relationship · device listening")["marker"]!["symbol"]);
    }

    [Fact]
    public void Spectrum_refuses_shares_that_do_not_match_the_categories()
    {
        var bad = FigureSamples.SpectrumRows()[0] with { Shares = [0.5, 0.5] };
        Assert.Throws<ArgumentException>(() => StudyFigures.CreepyToHelpfulSpectrum([bad], FigureSamples.FivePoint, new SpectrumOptions("x")));
    }

    [Fact]
    public void Spectrum_refuses_shares_that_do_not_sum_to_one()
    {
        var bad = FigureSamples.SpectrumRows()[0] with { Shares = [0.1, 0.1, 0.1, 0.1, 0.1] };
        Assert.Throws<ArgumentException>(() => StudyFigures.CreepyToHelpfulSpectrum([bad], FigureSamples.FivePoint, new SpectrumOptions("x")));
    }

    [Fact]
    public void Spectrum_refuses_published_values_in_percent()
    {
        var bad = FigureSamples.SpectrumRows()[1] with { PublishedNet = 57 };
        Assert.Throws<ArgumentException>(() => StudyFigures.CreepyToHelpfulSpectrum([bad], FigureSamples.FivePoint, new SpectrumOptions("x")));
    }

    [Fact]
    public void Spectrum_refuses_an_interval_that_misses_its_estimate()
    {
        var bad = FigureSamples.SpectrumRows()[1] with { NetLower = 0.6 };
        Assert.Throws<ArgumentException>(() => StudyFigures.CreepyToHelpfulSpectrum([bad], FigureSamples.FivePoint, new SpectrumOptions("x")));
    }

    [Fact]
    public void Spectrum_refuses_no_rows()
    {
        Assert.Throws<ArgumentException>(() => StudyFigures.CreepyToHelpfulSpectrum([], FigureSamples.FivePoint, new SpectrumOptions("x")));
    }

    [Fact]
    public void Spectrum_rows_come_from_the_library_results_with_catalogue_labels_and_published_values_as_proportions()
    {
        var survey = SurveyReader.ReadFile(ReferenceFiles.Path("tests", "reference", "data", "stratified-clustered.csv"), new SurveyReadOptions { WeightColumn = "weight" });
        var catalogue = ScenarioCatalogue.Create([new ScenarioInfo("alpha", "Alpha label", "", Relationship.Established, Tracking.None, true)]);
        var rows = NetHelpfulness.Figures.SpectrumRows.Build(RatingDistribution.ForEachScenario(survey), NetScore.ForEachScenario(survey, IntervalMethod.Linearized), catalogue,
            [new PublishedNetScore("alpha", 68, 11, 57, "s")]);
        var alpha = rows.Single(r => r.Scenario == "alpha");
        Assert.Equal("Alpha label", alpha.Label);
        Assert.Equal(0.57, alpha.PublishedNet!.Value, 12);
        Assert.Equal(Relationship.Established, alpha.Relationship);
        Assert.Equal("beta", rows.Single(r => r.Scenario == "beta").Label);
        Assert.Equal(1, alpha.Shares.Sum(), 12);
        var figure = StudyFigures.CreepyToHelpfulSpectrum(rows, NetHelpfulness.Figures.SpectrumRows.CategoriesOf(survey.Scale), new SpectrumOptions("test data"));
        Assert.Equal(5, Numbers(Trace(figure, "helpful")["x"]).Length);
    }

    [Fact]
    public void Categories_of_another_scale_have_one_entry_per_point_with_distinct_fills()
    {
        var scale = new RatingScale(0, 10, 7, 10, 0, 3);
        var categories = NetHelpfulness.Figures.SpectrumRows.CategoriesOf(scale);
        Assert.Equal(11, categories.Count);
        Assert.Equal(4, categories.Count(c => c.Side == SpectrumSide.Creepy));
        var rows = new[] { new SpectrumRow("a", "A", [.. Enumerable.Repeat(1.0 / 11, 11)], 0, -0.1, 0.1, 100) };
        var f = StudyFigures.CreepyToHelpfulSpectrum(rows, categories, new SpectrumOptions("x"));
        var fills = Traces(f).Where(t => (string?)t!["type"] == "bar" && (string?)t!["xaxis"] == "x").Select(t => (string)t!["marker"]!["color"]!).ToList();
        Assert.Equal(8, fills.Distinct().Count());
    }

    [Fact]
    public void Heatmap_centres_its_diverging_scale_on_zero_and_suppresses_small_cells()
    {
        CountryScenarioCell[] cells =
        [
            new("DE", "Sale alert", 0.55, 400), new("DE", "Coffee ad", -0.3, 400),
            new("IS", "Sale alert", 0.9, 12), new("IS", "Coffee ad", -0.1, 29),
        ];
        var f = StudyFigures.CountryByScenario(cells, 30);
        var heatmap = Traces(f).Single(t => (string?)t!["type"] == "heatmap")!;
        Assert.Equal(0, (double)heatmap["zmid"]!);
        Assert.Equal(-(double)heatmap["zmax"]!, (double)heatmap["zmin"]!);
        var z = heatmap["z"]!.AsArray();
        Assert.Equal(55, (double)z[0]![0]!, 9);
        Assert.Null(z[1]![0]);
        Assert.Null(z[1]![1]);
        var marked = Traces(f).Single(t => ((string?)t!["name"])!.StartsWith("suppressed", StringComparison.Ordinal))!;
        Assert.Equal(["n < 30", "n < 30"], marked["text"]!.AsArray().Select(v => (string)v!));
        Assert.DoesNotContain("+90", f.SpecJson, StringComparison.Ordinal);
    }

    [Fact]
    public void Heatmap_refuses_a_cell_given_twice()
    {
        Assert.Throws<ArgumentException>(() => StudyFigures.CountryByScenario([new("DE", "A", 0.1, 100), new("DE", "A", 0.2, 100)]));
    }

    [Fact]
    public void Effects_are_a_forest_plot_in_percentage_points_with_a_shape_per_group()
    {
        EffectRow[] rows = [new("relationship", 0.2, 0.15, 0.25, "relationship"), new("deep tracking", -0.3, -0.34, -0.26, "tracking")];
        var f = StudyFigures.Effects(rows);
        Assert.Equal([20.0], Numbers(Trace(f, "relationship")["x"]));
        Assert.NotEqual((string?)Trace(f, "relationship")["marker"]!["symbol"], (string?)Trace(f, "tracking")["marker"]!["symbol"]);
        Assert.Contains("percentage points", (string)Spec(f)["layout"]!["xaxis"]!["title"]!["text"]!, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => StudyFigures.Effects([new("x", 0.2, 0.25, 0.3, "g")]));
    }

    [Fact]
    public void Trust_signals_use_a_log_axis_and_mark_the_published_ratios()
    {
        RatioRow[] rows = [new("shares personal info", 2.4, 2.1, 2.8, 2.5), new("shares digital info", 1.6, 1.4, 1.8)];
        var f = StudyFigures.TrustSignals(rows);
        Assert.Equal("log", (string?)Spec(f)["layout"]!["xaxis"]!["type"]);
        Assert.Equal([2.5], Numbers(Trace(f, "published by the article")["x"]));
        Assert.Throws<ArgumentException>(() => StudyFigures.TrustSignals([new("x", 0, 0, 1)]));
    }

    [Fact]
    public void Coverage_has_a_line_per_method_and_refuses_a_coverage_above_one()
    {
        CoveragePoint[] points = [new("wald", 30, 0.90), new("wald", 1000, 0.949), new("tango", 30, 0.95), new("tango", 1000, 0.951)];
        var f = StudyFigures.IntervalCoverage(points, 0.95, 4000);
        Assert.Equal([90.0, 94.9], Numbers(Trace(f, "wald")["y"]), new ToleranceComparer(1e-9));
        Assert.NotEqual((string?)Trace(f, "wald")["line"]!["dash"], (string?)Trace(f, "tango")["line"]!["dash"]);
        Assert.Throws<ArgumentException>(() => StudyFigures.IntervalCoverage([new("wald", 30, 1.2)]));
    }

    [Fact]
    public void An_html_document_embeds_plotly_js_and_needs_no_network()
    {
        var html = FigureSamples.Spectrum().ToHtmlDocument();
        Assert.Contains("plotly.js v" + Figure.PlotlyJsVersion, html, StringComparison.Ordinal);
        var outsidePlotly = html.Replace(PlotlyJavaScript.Source, "", StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly", outsidePlotly, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", outsidePlotly, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(html, FigureSamples.Spectrum().ToHtmlDocument());
    }

    [Fact]
    public void A_page_of_several_figures_embeds_plotly_js_once()
    {
        var page = new HtmlPage("two").AddFigure(FigureSamples.Spectrum()).AddFigure(FigureSamples.Spectrum());
        var html = page.ToHtml();
        Assert.Equal(1, Count(html, "plotly.js v" + Figure.PlotlyJsVersion));
        Assert.Contains("id=\"nethelp-creepy-to-helpful-spectrum-2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_notebook_fragment_hides_amd_define_around_plotly_js_or_leaves_plotly_js_out()
    {
        var f = FigureSamples.Spectrum();
        var first = f.ToHtmlFragment();
        Assert.True(first.IndexOf("window.define = undefined", StringComparison.Ordinal) < first.IndexOf("plotly.js v", StringComparison.Ordinal));
        Assert.Contains("window.define = window.__nethelpDefine", first, StringComparison.Ordinal);
        Assert.DoesNotContain("plotly.js v", f.ToHtmlFragment(includePlotlyJs: false), StringComparison.Ordinal);
    }

    [Fact]
    public void Text_in_a_specification_cannot_close_the_inline_script()
    {
        var rows = new[] { FigureSamples.Row("a", "</script><b>x", 0.5, 0.2, Relationship.None, Tracking.None, null, null, null) };
        var html = StudyFigures.CreepyToHelpfulSpectrum(rows, FigureSamples.FivePoint, new SpectrumOptions("x")).ToHtmlDocument();
        Assert.DoesNotContain("</script><b>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_refuses_a_name_that_is_not_a_file_name_and_a_specification_without_data()
    {
        Assert.Throws<ArgumentException>(() => new Figure("../x", "t", "{\"data\":[],\"layout\":{}}", 10, 10));
        Assert.Throws<ArgumentException>(() => new Figure("x", "t", "{\"layout\":{}}", 10, 10));
    }

    private static int Count(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
