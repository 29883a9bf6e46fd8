using System.Text.Json.Nodes;
using NetHelpfulness.Figures;
using NetHelpfulness.Tests.Model;

namespace NetHelpfulness.Tests.Figures;

/// <summary>The model figures' and the label layout's plotly.js specifications, checked without a browser.</summary>
public class ModelFiguresTests
{
    private static JsonObject Spec(Figure f) => JsonNode.Parse(f.SpecJson)!.AsObject();

    private static JsonArray Traces(Figure f) => Spec(f)["data"]!.AsArray();

    // The title with its subtitle, the line breaks of the wrapping taken out.
    private static string Title(Figure f) => ((string)Spec(f)["layout"]!["title"]!["text"]!).Replace("<br>", " ", StringComparison.Ordinal);

    [Fact]
    public void The_coefficients_of_a_linear_model_are_a_forest_in_net_points_a_shape_per_term()
    {
        var fit = ModelReference.Fit("net_saturated_country", "clusters");
        var rows = ModelFigures.CoefficientRows(fit);
        Assert.Equal(fit.Coefficients.Count - 1, rows.Count);
        Assert.Equal("relationship: established × tracking: third-party cookies", rows[^1].Label);
        Assert.Equal(["relationship", "tracking", "country", "relationship:tracking"], rows.Select(r => r.Group).Distinct());
        var f = ModelFigures.Coefficients(fit, "SYNTHETIC data.");
        Assert.Equal(StudyFigures.ModelCoefficientsName, f.Name);
        var established = Traces(f).Single(t => (string?)t!["name"] == "relationship")!;
        Assert.Equal(fit.Coefficient("relationshipestablished").Value!.Value * 100, (double)established["x"]![0]!, 9);
        Assert.Equal(4, Traces(f).Select(t => (string?)t!["marker"]!["symbol"]).Distinct().Count());
        Assert.Contains("reference levels: relationship none, tracking none, country BR", Title(f), StringComparison.Ordinal);
        Assert.Contains("t with 20 df", Title(f), StringComparison.Ordinal);
    }

    [Fact]
    public void The_coefficients_of_a_logistic_model_are_odds_ratios_on_a_log_axis_around_one()
    {
        var fit = ModelReference.Fit("helpful_saturated_country", "clusters");
        var f = ModelFigures.Coefficients(fit);
        var layout = Spec(f)["layout"]!;
        Assert.Equal("log", (string?)layout["xaxis"]!["type"]);
        Assert.Equal(1, (double)layout["shapes"]![0]!["x0"]!);
        var row = ModelFigures.CoefficientRows(fit)[0];
        Assert.Equal(Math.Exp(fit.Coefficient("relationshipestablished").Value!.Value), row.Estimate, 12);
        Assert.Throws<ArgumentException>(() => StudyFigures.ModelCoefficients([new("x", 0.5, -0.1, 0.9, "g")], CoefficientScale.OddsRatio, "t"));
    }

    [Fact]
    public void The_interaction_plot_has_a_line_per_relationship_across_the_tracking_types_with_gaps_where_not_estimable()
    {
        var margins = ModelReference.Fit("net_saturated_country", "clusters").Margins();
        var f = ModelFigures.Predicted(margins, "SYNTHETIC data.");
        Assert.Equal(StudyFigures.PredictedNetScoresName, f.Name);
        var traces = Traces(f);
        Assert.Equal(["relationship: none", "relationship: established"], traces.Select(t => (string?)t!["name"]));
        Assert.Equal(["none", "device listening", "geo tracking", "third-party<br>cookies"], Spec(f)["layout"]!["xaxis"]!["ticktext"]!.AsArray().Select(v => (string?)v));
        var established = traces[1]!["y"]!.AsArray().Select(v => (double)v!).ToList();
        Assert.Equal(margins.Cell("established", "none").Estimate!.Estimate * 100, established[0], 9);

        PredictedCell[] cells = [new("a", "x", 0.2, 0.1, 0.3), new("a", "y", null, null, null), new("b", "x", -0.2, -0.3, -0.1), new("b", "y", 0.1, 0.0, 0.2)];
        var gaps = StudyFigures.PredictedCells(cells, PredictionScale.NetScore, "tracking", "t");
        Assert.Null(Traces(gaps)[0]!["y"]![1]);
        Assert.Contains("Not estimable (no ratings): a × tracking: y", Title(gaps), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => StudyFigures.PredictedCells([cells[0], cells[0]], PredictionScale.NetScore, "x", "t"));
    }

    [Fact]
    public void Long_words_break_after_their_hyphens_and_heatmap_columns_widen_to_their_labels()
    {
        Assert.Equal("Loyalty-<br>programme<br>recommendations", ChartSpec.Wrap("Loyalty-programme recommendations", 15));
        Assert.Equal("Smart-speaker<br>ad from a brand<br>you know", ChartSpec.Wrap("Smart-speaker ad from a brand you know", 15));
        Assert.Equal("Sale alert", ChartSpec.Wrap("Sale alert", 15));

        CountryScenarioCell[] shortLabels = [new("DE", "A", 0.1, 100), new("DE", "B", 0.2, 100)];
        CountryScenarioCell[] longLabels = [new("DE", "recommendations recommendations", 0.1, 100), new("DE", "B", 0.2, 100)];
        Assert.True(StudyFigures.CountryByScenario(longLabels).Width >= StudyFigures.CountryByScenario(shortLabels).Width);
        var many = Enumerable.Range(0, 12).Select(i => new CountryScenarioCell("DE", $"Recommendations number {i}", 0.1, 100)).ToList();
        // 12 columns, each at least as wide as "Recommendations" in DejaVu Sans at 11 px plus a gap.
        Assert.True(StudyFigures.CountryByScenario(many).Width >= 210 + (12 * (ChartSpec.TextWidth("Recommendations", 11) + 14)));
    }
}
