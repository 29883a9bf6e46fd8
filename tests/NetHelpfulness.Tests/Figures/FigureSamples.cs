using NetHelpfulness.Data;
using NetHelpfulness.Estimation;
using NetHelpfulness.Figures;

namespace NetHelpfulness.Tests.Figures;

/// <summary>Hand-made inputs for the figure functions (values in the article's range; not estimates).</summary>
internal static class FigureSamples
{
    public static readonly IReadOnlyList<SpectrumCategory> FivePoint = NetHelpfulness.Figures.SpectrumRows.CategoriesOf(RatingScale.FivePoint);

    public static IReadOnlyList<SpectrumRow> SpectrumRows() =>
    [
        Row("overheard_coffee_ad", "Coffee ad after a chat", 0.26, 0.53, Relationship.None, Tracking.DeviceListening, -0.27, 0.26, 0.53),
        Row("sale_alert", "Sale alert", 0.68, 0.11, Relationship.Established, Tracking.None, 0.57, 0.68, 0.11),
        Row("in_aisle_offer", "In-aisle offer", 0.58, 0.20, Relationship.Established, Tracking.GeoTracking, 0.38, null, null),
        Row("retargeted_ad_unknown_brand", "Retargeted ad, unknown brand", 0.32, 0.42, Relationship.None, Tracking.ThirdPartyCookies, null, null, null),
    ];

    public static SpectrumRow Row(string id, string label, double helpful, double creepy, Relationship r, Tracking t, double? pubNet, double? pubHelpful, double? pubCreepy)
    {
        var net = helpful - creepy;
        return new SpectrumRow(id, label, [creepy * 0.4, creepy * 0.6, 1 - helpful - creepy, helpful * 0.6, helpful * 0.4],
            net, net - 0.02, net + 0.02, 1150, r, t, pubNet, pubHelpful, pubCreepy);
    }

    /// <summary>
    /// Figures drawn with the shipped study's long labels: the heatmap of 19 countries × 10 scenarios (values made up), the
    /// spectrum and the effects of the shipped SYNTHETIC survey, the published trust signals (ratios made up around the
    /// published ones), and the survey's model figures (coefficients of 22 columns, the interaction plot, odds ratios).
    /// </summary>
    public static IReadOnlyList<Figure> WithShippedLabels()
    {
        var catalogue = ScenarioCatalogue.Read(ReferenceFiles.Path("data", "scenarios.csv"));
        string[] countries = ["AU", "BE", "BR", "CA", "CN", "DE", "ES", "FR", "GB", "IN", "IT", "JP", "KR", "MX", "NL", "PL", "SE", "US", "ZA"];
        var cells = countries.SelectMany((c, i) => catalogue.Scenarios.Select((s, j) => new CountryScenarioCell(c, s.Label, (((i * 7) + (j * 13)) % 100 / 100.0) - 0.5, 200))).ToList();
        var survey = SurveyReader.ReadFile(ReferenceFiles.Path("data", "synthetic", "survey.csv"), new SurveyReadOptions { WeightColumn = "weight" });
        var attributes = ScenarioAttributes.Read(ReferenceFiles.Path("data", "scenarios.csv"));
        var design = survey.Design();
        var additive = SurveyModel.Fit(survey, attributes, design, new ModelSpecification { Terms = "relationship + tracking + country" });
        var saturated = SurveyModel.Fit(survey, attributes, design, new ModelSpecification { Terms = "relationship * tracking + country", Aliased = AliasedColumns.Drop });
        var helpful = SurveyModel.Fit(survey, attributes, design, new ModelSpecification { Terms = "relationship * tracking", Outcome = ModelOutcome.Helpful, Aliased = AliasedColumns.Drop });
        var published = PublishedFigures.ReadNetScores(ReferenceFiles.Path("data", "published", "figure1.csv"));
        var spectrum = StudyFigures.CreepyToHelpfulSpectrum(
            NetHelpfulness.Figures.SpectrumRows.Build(RatingDistribution.ForEachScenario(survey, design), NetScore.ForEachScenario(survey, design, IntervalMethod.Linearized), catalogue, published),
            FivePoint, new SpectrumOptions(SpectrumOptions.SyntheticStudyNote, "95% CI"));
        var effects = StudyFigures.Effects([.. Effects.EstimateAll(survey, catalogue, design).Select(e => new EffectRow(e.Effect.ShortLabel,
            e.Difference.Estimate, e.Difference.Interval.Lower, e.Difference.Interval.Upper, e.Effect.Family))]);
        var trust = StudyFigures.TrustSignals([.. PublishedFigures.ReadRatios(ReferenceFiles.Path("data", "published", "trust-signals.csv"))
            .Select(r => new RatioRow($"{r.Signal}: {r.Outcome.Replace('_', ' ')}", r.Ratio, r.Ratio * 0.9, r.Ratio * 1.1, r.Ratio))]);
        return
        [
            StudyFigures.CountryByScenario(cells, 30, "SYNTHETIC test values."),
            spectrum,
            effects,
            trust,
            ModelFigures.Coefficients(additive, "SYNTHETIC data."),
            ModelFigures.Predicted(saturated.Margins(), "SYNTHETIC data."),
            ModelFigures.Coefficients(helpful, "SYNTHETIC data.", name: "model-coefficients-helpful"),
            ModelFigures.Predicted(helpful.Margins(), "SYNTHETIC data."),
        ];
    }

    public static Figure Spectrum() =>
        StudyFigures.CreepyToHelpfulSpectrum(SpectrumRows(), FivePoint, new SpectrumOptions(SpectrumOptions.SyntheticStudyNote, "95% CI"));
}
