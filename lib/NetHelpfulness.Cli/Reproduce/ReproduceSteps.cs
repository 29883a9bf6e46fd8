using System.Diagnostics;
using NetHelpfulness.Figures;

namespace NetHelpfulness.Cli.Reproduce;

/// <summary>One step of the reproduction: it reads what earlier steps left in the context and adds to it.</summary>
internal sealed record ReproduceStep(string Description, Action<ReproduceContext> Run);

/// <summary>
/// The reproduction as a list of steps, in order. Each further table or figure is one more entry here: compute with
/// the library, then add a <see cref="ResultTable"/>, a <see cref="Figure"/> or a <see cref="Comparison"/>.
/// </summary>
internal static partial class ReproduceSteps
{
    public const string SurveyFile = "synthetic/survey.csv";
    public const string ScenariosFile = "scenarios.csv";
    public const string Figure1File = "published/figure1.csv";
    public const string TrustSignalsFile = "published/trust-signals.csv";
    public const string TrustFile = "synthetic/trust.csv";

    /// <summary>Samples per cell of the coverage study that reproduce runs (Monte-Carlo SE ≈ 0.5 points at 95%).</summary>
    public const int CoverageReplicates = 2000;

    /// <summary>Seed of that coverage study.</summary>
    public const ulong CoverageSeed = Defaults.CoverageSeed;

    public static IReadOnlyList<ReproduceStep> All { get; } =
    [
        new("load the survey, the scenario catalogue and the published figures", LoadInputs),
        new("net scores of every scenario (Wald, linearized, Tango)", NetScores),
        new("rating distributions", Distributions),
        new("net scores by country", CountryScores),
        new("figure: country by scenario", CountryFigure),
        new("country differences from the reference country", CountryDifferences),
        new("banner tables by country and the demographic columns", BannerTables),
        new("paired comparisons with the most helpful scenario", PairedComparisons),
        new("relationship and tracking effects", RelationshipAndTrackingEffects),
        new("figure: effects", EffectsFigure),
        new("design-based model of the net score: relationship + tracking (+ country)", AdditiveModel),
        new("design-based model: relationship × tracking (+ country), predicted net scores and contrasts", SaturatedModel),
        new("logistic models of helpful and creepy", LogisticModels),
        new("figure: creepy-to-helpful spectrum", SpectrumFigure),
        new("trust-signal ratios", TrustRatios),
        new("figure: trust signals", TrustFigure),
        new("interval coverage study", Coverage),
        new("figure: interval coverage", CoverageFigure),
        new("published vs reproduced", PublishedComparison),
    ];

    public static void Run(ReproduceContext context)
    {
        foreach (var step in All)
        {
            context.Interrupted.ThrowIfCancellationRequested();
            var clock = Stopwatch.StartNew();
            step.Run(context);
            context.ReportTimed(step.Description, clock.Elapsed);
        }
    }

    private static void LoadInputs(ReproduceContext c)
    {
        var data = c.Settings.DataDirectory;
        var surveyPath = Path.Combine(data, SurveyFile);
        if (!File.Exists(surveyPath))
        {
            throw new NetHelpfulnessException(
                $"{surveyPath}: not found; reproduce reads the survey from <data>/{SurveyFile} (it ships under data/; see data/README.md) — pass --data FOLDER where FOLDER/{SurveyFile} exists");
        }

        c.Inputs.Add(InputFile.Of("survey", surveyPath, data));
        // Read once; the weighted and the unweighted design are both built from the same data.
        var weighted = SurveyReader.ReadFile(surveyPath, new SurveyReadOptions { WeightColumn = HasColumn(surveyPath, SurveyResponses.WeightColumnName) ? SurveyResponses.WeightColumnName : null });
        c.Survey = weighted;
        c.Design = weighted.Design(weighted.DefaultDesign);
        c.UnweightedDesign = weighted.Design(DesignSpec.Unweighted);
        c.IsSynthetic = SurveyFile.Contains("synthetic", StringComparison.Ordinal);
        c.MethodNotes.Add(weighted.IsWeighted
            ? "Design: weights from the survey's `weight` column; each respondent is its own primary sampling unit; no strata."
            : "Design: the survey has no `weight` column, so weighted and unweighted estimates coincide; each respondent is its own primary sampling unit.");

        var scenarios = Path.Combine(data, ScenariosFile);
        if (File.Exists(scenarios))
        {
            c.Inputs.Add(InputFile.Of("scenario catalogue", scenarios, data));
            c.Catalogue = ScenarioCatalogue.Read(scenarios);
            c.ScenarioAttributes = ScenarioAttributes.Read(scenarios);
        }

        var figure1 = Path.Combine(data, Figure1File);
        if (File.Exists(figure1))
        {
            c.Inputs.Add(InputFile.Of("published Figure 1 values", figure1, data));
            c.PublishedNetScores = PublishedFigures.ReadNetScores(figure1);
        }

        var trust = Path.Combine(data, TrustSignalsFile);
        if (File.Exists(trust))
        {
            c.Inputs.Add(InputFile.Of("published trust-signal ratios", trust, data));
            c.PublishedRatios = PublishedFigures.ReadRatios(trust);
        }

        var survey = c.RequireSurvey();
        c.Report(FormattableString.Invariant($"{surveyPath}: {survey.RespondentCount:N0} respondents, {survey.ScenarioCount} scenarios"));
    }

    private static void NetScores(ReproduceContext c)
    {
        var level = c.Settings.Level;
        var survey = c.RequireSurvey();
        c.Wald = NetScore.ForEachScenario(survey, c.UnweightedDesign!, IntervalMethod.Wald, level);
        c.Linearized = NetScore.ForEachScenario(survey, c.Design!, IntervalMethod.Linearized, level);
        var percent = FormattableString.Invariant($"{level * 100:0.#}%");
        c.Tables.Add(NetScoreTable(c, "net-scores-linearized", $"Net scores, design-based (linearized, weighted), {percent} CI", c.Linearized));
        c.Tables.Add(NetScoreTable(c, "net-scores-wald", $"Net scores, unweighted (Wald), {percent} CI", c.Wald));
        c.Tango = NetScore.ForEachScenario(survey, c.UnweightedDesign!, IntervalMethod.Tango, level);
        c.Tables.Add(NetScoreTable(c, "net-scores-tango", $"Net scores, unweighted, Tango (1998) score interval, {percent} CI", c.Tango));
    }

    private static void PairedComparisons(ReproduceContext c)
    {
        var survey = c.RequireSurvey();
        var ranked = c.Linearized.OrderByDescending(s => s.Score.Estimate).Select(s => s.Scenario).ToList();
        var top = ranked[0];
        var design = c.Design!;
        var level = c.Settings.Level;
        var results = ranked.Skip(1).Select(other =>
            (Other: other, Difference: PairedDifference.Linearized(survey.Scores(survey.ScenarioIndex(top)), survey.Scores(survey.ScenarioIndex(other)), design, level))).ToList();
        var p = results.Select(r => PValues.TwoSidedNormal(r.Difference.Estimate, r.Difference.StandardError)).ToArray();
        var holm = Multiplicity.Holm(p);
        var rows = results.Select((r, i) => (IReadOnlyList<Cell>)
        [
            top, r.Other, c.Label(r.Other), Cell.Int(r.Difference.N), Cell.Points(r.Difference.Estimate), Cell.PointsUnsigned(r.Difference.StandardError),
            Cell.Points(r.Difference.Interval.Lower), Cell.Points(r.Difference.Interval.Upper), PValue(p[i]), PValue(holm[i]),
        ]).ToList();
        c.Tables.Add(new ResultTable("paired-comparisons", $"Paired differences in net score: {c.Label(top)} minus each other scenario (same respondents)",
            ["a", "b", "label_b", "n", "difference", "se", "ci_low", "ci_high", "p", "p_holm"], rows,
            "Design-based (linearized) SE of the per-respondent difference s_a − s_b; p-values two-sided normal, Holm-adjusted over the comparisons shown."));
    }

    private static void CountryDifferences(ReproduceContext c)
    {
        if (c.Countries is not { } result)
        {
            return;
        }

        var min = c.Settings.MinimumCell;
        var counts = result.Scores.ToDictionary(s => (s.Group, s.Scenario), s => s.Score.N);
        var shown = result.Differences.Where(d => counts[(d.Group, d.Scenario)] >= min && counts[(d.Reference, d.Scenario)] >= min).ToList();
        var p = shown.Select(d => PValues.TwoSidedNormal(d.Difference.Estimate, d.Difference.StandardError)).ToArray();
        var bh = Multiplicity.BenjaminiHochberg(p);
        var suppressed = $"suppressed (n < {min})";
        var rows = new List<IReadOnlyList<Cell>>();
        foreach (var d in result.Differences)
        {
            var k = shown.IndexOf(d);
            rows.Add(k < 0
                ? [d.Group, d.Reference, d.Scenario, Cell.Empty(suppressed), Cell.Empty(""), Cell.Empty(""), Cell.Empty(""), Cell.Empty(""), Cell.Empty("")]
                : [d.Group, d.Reference, d.Scenario, Cell.Points(d.Difference.Estimate), Cell.PointsUnsigned(d.Difference.StandardError),
                    Cell.Points(d.Difference.Interval.Lower), Cell.Points(d.Difference.Interval.Upper), PValue(p[k]), PValue(bh[k])]);
        }

        c.Tables.Add(new ResultTable("country-differences", $"Net score of each country minus {result.Reference} (domains of one design)",
            ["country", "reference", "scenario", "difference", "se", "ci_low", "ci_high", "p", "p_bh"], rows,
            $"Linearized; the covariance of the two domains is kept (svycontrast on svyby). p-values Benjamini–Hochberg-adjusted over the differences shown; cells with fewer than {min} respondents are suppressed."));
    }

    /// <summary>The columns a banner of the study is cut by, when the survey has them: country, then the usual demographics.</summary>
    internal static readonly string[] BannerColumns = ["country", "age_band", "gender", "region"];

    private static void BannerTables(ReproduceContext c)
    {
        var survey = c.RequireSurvey();
        var variables = BannerColumns.Where(survey.HasColumn).ToList();
        if (variables.Count == 0)
        {
            c.MethodNotes.Add("No country or demographic column: no banner table.");
            return;
        }

        // One banner with every column the study has (the shipped survey has country only), as researchers hand it to clients.
        var options = new BannerOptions { Level = c.Settings.Level, MinimumCell = c.Settings.MinimumCell };
        var source = new BannerSource(c.Inputs.First(i => i.Role == "survey").RelativePath, survey.DefaultDesign.Describe(), c.IsSynthetic);
        var result = Banner.Compute(survey, c.Design!, variables, options);
        c.Banners.Add(($"banner-by-{string.Join('-', variables).Replace('_', '-')}", new BannerReport(result, source)));
        c.MethodNotes.Add($"Banner table by {string.Join(", ", variables)}: each cell a domain of the design; letters from design-based z tests of the differences, Holm-adjusted within each scenario and variable; cells with fewer than {c.Settings.MinimumCell} respondents suppressed.");
    }

    private static void RelationshipAndTrackingEffects(ReproduceContext c)
    {
        if (c.Catalogue is null)
        {
            c.MethodNotes.Add("No scenario catalogue: the relationship and tracking effects are not estimated.");
            return;
        }

        var effects = Effects.EstimateAll(c.RequireSurvey(), c.Catalogue, c.Design!, c.Settings.Level);
        c.Effects = effects;
        var rows = effects.Select(e => (IReadOnlyList<Cell>)
        [
            e.Effect.Name, e.Effect.Kind.ToString(), e.Effect.Description, Cell.Int(e.Difference.N),
            Cell.Points(e.Difference.Estimate), Cell.PointsUnsigned(e.Difference.StandardError),
            Cell.Points(e.Difference.Interval.Lower), Cell.Points(e.Difference.Interval.Upper),
            Cell.Plain(e.Helpful.Estimate, 3), Cell.Plain(e.Creepy.Estimate, 3), e.Dz is { } dz ? Cell.Plain(dz, 3) : Cell.Empty("—"),
        ]).ToList();
        c.Tables.Add(new ResultTable("effects", "Relationship and tracking effects (per-respondent contrasts, design-based)",
            ["effect", "kind", "description", "n", "difference", "se", "ci_low", "ci_high", "cohens_h_helpful", "cohens_h_creepy", "d_z"], rows,
            "Difference in net score (percentage points) with its linearized CI; Cohen's h on the helpful and creepy shares; d_z = mean/SD of the per-respondent contrast."));
    }

    private static void EffectsFigure(ReproduceContext c)
    {
        if (c.Effects.Count == 0)
        {
            return;
        }

        var rows = c.Effects.Select(e => new EffectRow(e.Effect.ShortLabel, e.Difference.Estimate, e.Difference.Interval.Lower, e.Difference.Interval.Upper, e.Effect.Family)).ToList();
        var percent = FormattableString.Invariant($"{c.Settings.Level * 100:0.#}% CI, design-based (linearized)");
        c.Figures.Add(StudyFigures.Effects(rows, percent, c.IsSynthetic ? "SYNTHETIC data calibrated to the article's figures." : null));
    }

    private static Cell PValue(double p) => new(Format.RoundTrip(p), Format.PValue(p));

    private static void TrustRatios(ReproduceContext c)
    {
        var path = Path.Combine(c.Settings.DataDirectory, TrustFile);
        if (!File.Exists(path))
        {
            c.MethodNotes.Add($"No {TrustFile} under the data folder: the trust-signal ratios are not reproduced.");
            return;
        }

        c.Inputs.Add(InputFile.Of("trust study", path, c.Settings.DataDirectory));
        // Read once: the unweighted (Katz, Woolf, Wald) and the weighted (linearized) ratios come from the same data.
        var data = BinaryOutcomeReader.ReadFile(path);
        var weighted = data.HasRespondentColumn(BinaryOutcomeReader.WeightColumnName);
        var design = weighted ? data.Design(new DesignSpec { Weight = BinaryOutcomeReader.WeightColumnName }) : null;
        var level = c.Settings.Level;
        var pairs = c.PublishedRatios.Count > 0
            ? c.PublishedRatios.Select(r => (r.Exposure, r.Outcome, Label: $"{r.Signal}: {r.Outcome.Replace('_', ' ')}", Published: (double?)r.Ratio)).ToList()
            : [];
        var rows = new List<IReadOnlyList<Cell>>();
        foreach (var (exposure, outcome, label, published) in pairs)
        {
            var u = Ratios.Compare(data.Column(exposure), data.Column(outcome), level);
            var w = design is null ? u : Ratios.Compare(data.Column(exposure), data.Column(outcome), design, level);
            c.TrustResults.Add((label, exposure, outcome, published, u, w));
            foreach (var (kind, result) in new[] { ("unweighted", u), ("weighted", w) })
            {
                rows.Add([exposure, outcome, kind, Cell.Int(result.ExposedCount), Cell.Int(result.UnexposedCount),
                    Cell.Share(result.RiskExposed), Cell.Share(result.RiskUnexposed),
                    Cell.Plain(result.RiskRatio.Estimate, 3), Cell.Plain(result.RiskRatio.Interval.Lower, 3), Cell.Plain(result.RiskRatio.Interval.Upper, 3),
                    Cell.Plain(result.OddsRatio.Estimate, 3), Cell.Plain(result.OddsRatio.Interval.Lower, 3), Cell.Plain(result.OddsRatio.Interval.Upper, 3),
                    Cell.Points(result.RiskDifference.Estimate), Cell.Points(result.RiskDifference.Interval.Lower), Cell.Points(result.RiskDifference.Interval.Upper)]);
            }
        }

        c.Tables.Add(new ResultTable("trust-ratios", "Trust signals: risk ratio, odds ratio and risk difference of each published outcome",
            ["exposure", "outcome", "estimate", "n_exposed", "n_unexposed", "risk_exposed", "risk_unexposed",
             "risk_ratio", "rr_ci_low", "rr_ci_high", "odds_ratio", "or_ci_low", "or_ci_high", "risk_difference", "rd_ci_low", "rd_ci_high"], rows,
            "Unweighted: Katz log (risk ratio), Woolf logit (odds ratio), Wald (difference). Weighted: linearised (delta method) on the design."));
        c.Report(FormattableString.Invariant($"{path}: {data.RespondentCount:N0} respondents, {pairs.Count} published ratios"));
    }

    private static void TrustFigure(ReproduceContext c)
    {
        if (c.TrustResults.Count == 0)
        {
            return;
        }

        var rows = c.TrustResults.Select(t => new RatioRow(t.Label, t.Unweighted.RiskRatio.Estimate,
            t.Unweighted.RiskRatio.Interval.Lower, t.Unweighted.RiskRatio.Interval.Upper, t.Published)).ToList();
        var percent = FormattableString.Invariant($"{c.Settings.Level * 100:0.#}% CI (Katz log, unweighted)");
        c.Figures.Add(StudyFigures.TrustSignals(rows, "risk ratio", percent,
            c.IsSynthetic ? "SYNTHETIC trust-study data calibrated to the article's published ratios." : null));
    }

    private static void Coverage(ReproduceContext c)
    {
        c.Seeds["coverage"] = (long)CoverageSeed;
        var results = NetHelpfulness.Simulation.CoverageStudy.Run(
            NetHelpfulness.Simulation.CoverageStudy.ClosedFormMethods,
            NetHelpfulness.Simulation.CoverageStudy.DefaultTruths,
            NetHelpfulness.Simulation.CoverageStudy.DefaultSampleSizes,
            c.Settings.CoverageReplicates, c.Settings.Level, CoverageSeed, cancellationToken: c.Interrupted);
        c.CoverageResults = results;
        var rows = results.Select(r => (IReadOnlyList<Cell>)
        [
            r.Method, r.Truth.ToString(), Cell.Points(r.Truth.Net), Cell.Int(r.N), Cell.Int(r.Replicates),
            Cell.Share(r.Coverage), Cell.PointsUnsigned(r.MeanWidth),
        ]).ToList();
        c.Tables.Add(new ResultTable("interval-coverage", "Coverage of each interval method (simulated simple random samples; synthetic)",
            ["method", "truth_helpful_neutral_creepy", "true_net", "n", "replicates", "coverage", "mean_width"], rows,
            FormattableString.Invariant($"{c.Settings.CoverageReplicates} samples per cell, seed {CoverageSeed}; Monte-Carlo SE of a 95% coverage ≈ {100 * Math.Sqrt(0.95 * 0.05 / c.Settings.CoverageReplicates):0.0} points.")));
    }

    private static void CoverageFigure(ReproduceContext c)
    {
        // The figure averages each method's coverage over the share triples at each n.
        var points = c.CoverageResults.GroupBy(r => (r.Method, r.N))
            .Select(g => new CoveragePoint(g.Key.Method, g.Key.N, g.Average(r => r.Coverage))).ToList();
        if (points.Count > 0)
        {
            // Each point pools the share triples' samples, so its Monte-Carlo band is for all of them.
            var pooled = c.Settings.CoverageReplicates * c.CoverageResults.Select(r => r.Truth).Distinct().Count();
            c.Figures.Add(StudyFigures.IntervalCoverage(points, c.Settings.Level, pooled));
        }
    }

    private static ResultTable NetScoreTable(ReproduceContext c, string name, string title, IReadOnlyList<ScenarioScore> scores)
    {
        var rows = scores.OrderByDescending(s => s.Score.Estimate).Select(s => (IReadOnlyList<Cell>)
        [
            s.Scenario, c.Label(s.Scenario), Cell.Int(s.Score.N),
            Cell.Share(s.Score.Helpful), Cell.Share(s.Score.Neutral), Cell.Share(s.Score.Creepy),
            Cell.Points(s.Score.Estimate), Cell.PointsUnsigned(s.Score.StandardError),
            Cell.Points(s.Score.Interval.Lower), Cell.Points(s.Score.Interval.Upper),
            Cell.Plain(s.Score.DesignEffect, 3), Cell.Plain(s.Score.EffectiveN, 1),
        ]).ToList();
        return new ResultTable(name, title,
            ["scenario", "label", "n", "helpful", "neutral", "creepy", "net", "se", "ci_low", "ci_high", "design_effect", "effective_n"], rows,
            "Shares and scores are proportions in the CSV; the Markdown shows percent and percentage points.");
    }

    private static void Distributions(ReproduceContext c)
    {
        var survey = c.RequireSurvey();
        c.Distributions = RatingDistribution.ForEachScenario(survey, c.Design!, c.Settings.Level);
        var points = Enumerable.Range(survey.Scale.Minimum, survey.Scale.Maximum - survey.Scale.Minimum + 1).ToList();
        var categories = SpectrumRows.CategoriesOf(survey.Scale);
        var rows = c.Distributions.Select(d => (IReadOnlyList<Cell>)
            [d.Scenario, c.Label(d.Scenario), Cell.Int(d.Distribution.N), .. d.Distribution.Points.Select(p => Cell.Share(p.Share))]).ToList();
        c.Tables.Add(new ResultTable("rating-distribution", "Rating distribution (weighted shares of each scale point)",
            ["scenario", "label", "n", .. categories.Select(k => k.Label)], rows));
    }

    private static void CountryScores(ReproduceContext c)
    {
        var survey = c.RequireSurvey();
        if (survey.Country is not { } country)
        {
            c.MethodNotes.Add("No country column: the country-by-scenario figure is not drawn.");
            return;
        }

        // Each country is a domain of the whole design (the group code of score --by); its differences come later.
        c.Countries = GroupComparison.ByGroup(survey, country, c.Design!, IntervalMethod.Linearized, level: c.Settings.Level);
        var min = c.Settings.MinimumCell;
        var scores = c.Countries.Scores.ToDictionary(s => (s.Group, s.Scenario), s => s.Score);
        var order = c.Linearized.OrderByDescending(s => s.Score.Estimate).Select(s => s.Scenario).ToList();
        var suppressed = $"suppressed (n < {min})";
        var cells = new List<CountryScenarioCell>();
        var rows = new List<IReadOnlyList<Cell>>();
        foreach (var scenario in order)
        {
            foreach (var name in country.Levels)
            {
                var estimate = scores[(name, scenario)];
                if (estimate.N < min)
                {
                    cells.Add(new CountryScenarioCell(name, c.Label(scenario), null, estimate.N));
                    rows.Add([name, scenario, Cell.Int(estimate.N), Cell.Empty(suppressed), Cell.Empty(""), Cell.Empty(""), Cell.Empty(""), suppressed]);
                    continue;
                }

                cells.Add(new CountryScenarioCell(name, c.Label(scenario), estimate.Estimate, estimate.N));
                rows.Add([name, scenario, Cell.Int(estimate.N), Cell.Points(estimate.Estimate), Cell.PointsUnsigned(estimate.StandardError),
                    Cell.Points(estimate.Interval.Lower), Cell.Points(estimate.Interval.Upper), ""]);
            }
        }

        c.Tables.Add(new ResultTable("net-scores-by-country", "Net scores by country (design-based, domain estimation)",
            ["country", "scenario", "n", "net", "se", "ci_low", "ci_high", "note"],
            [.. rows.OrderBy(r => r[0].Csv, StringComparer.Ordinal)],
            $"Cells with fewer than {min} respondents are suppressed."));
        c.CountryCells = cells;
    }

    private static void CountryFigure(ReproduceContext c)
    {
        if (c.CountryCells.Count > 0)
        {
            c.Figures.Add(StudyFigures.CountryByScenario(c.CountryCells, c.Settings.MinimumCell,
                c.IsSynthetic ? "SYNTHETIC data calibrated to the article's figures." : null));
        }
    }

    private static void SpectrumFigure(ReproduceContext c)
    {
        var survey = c.RequireSurvey();
        var rows = SpectrumRows.Build(c.Distributions, c.Linearized, c.Catalogue, c.PublishedNetScores);
        var percent = FormattableString.Invariant($"{c.Settings.Level * 100:0.#}%");
        var interval = c.Design!.IsWeighted ? $"{percent} CI, design-based (linearized, weighted)" : $"{percent} CI, linearized";
        c.Figures.Add(StudyFigures.CreepyToHelpfulSpectrum(rows, SpectrumRows.CategoriesOf(survey.Scale), new SpectrumOptions(c.DataNote, interval)));
    }

    private static void PublishedComparison(ReproduceContext c)
    {
        var survey = c.RequireSurvey();
        var scale = survey.Scale;
        var level = c.Settings.Level;
        foreach (var p in c.PublishedNetScores)
        {
            if (!survey.Scenarios.Contains(p.Scenario))
            {
                c.Comparisons.Add(new Comparison($"{p.Scenario}: net score", Published(p.NetPercent, true), null, null, (p.NetPercent ?? 0) / 100, true,
                    $"scenario '{p.Scenario}' is not in the survey"));
                continue;
            }

            var j = survey.ScenarioIndex(p.Scenario);
            if (p.NetPercent is { } net)
            {
                var w = c.Wald.Single(s => s.Scenario == p.Scenario).Score;
                var l = c.Linearized.Single(s => s.Scenario == p.Scenario).Score;
                c.Comparisons.Add(new Comparison($"{c.Label(p.Scenario)}: net score", Published(net, true),
                    (w.Estimate, w.Interval), (l.Estimate, l.Interval), net / 100, true));
            }

            foreach (var (percent, what, from, to) in new[] { (p.HelpfulPercent, "% helpful", scale.HelpfulFrom, scale.HelpfulTo), (p.CreepyPercent, "% creepy", scale.CreepyFrom, scale.CreepyTo) })
            {
                if (percent is not { } value)
                {
                    continue;
                }

                var ratings = RatingDistribution.RatingsOf(survey, j);
                var u = RatingDistribution.Share(ratings, from, to, c.UnweightedDesign!, level);
                var d = RatingDistribution.Share(ratings, from, to, c.Design!, level);
                c.Comparisons.Add(new Comparison($"{c.Label(p.Scenario)}: {what}", Published(value, false),
                    (u.Share, u.Interval), (d.Share, d.Interval), value / 100, false));
            }
        }

        foreach (var r in c.PublishedRatios)
        {
            var result = c.TrustResults.FirstOrDefault(t => t.Exposure == r.Exposure && t.Outcome == r.Outcome);
            var item = $"{r.Signal}: {r.Outcome.Replace('_', ' ')} (risk ratio)";
            var published = FormattableString.Invariant($"{r.Ratio:0.0#}×");
            c.Comparisons.Add(result.Unweighted is null
                ? new Comparison(item, published, null, null, r.Ratio, false, $"not reproduced: no {TrustFile} under the data folder")
                : new Comparison(item, published, (result.Unweighted.RiskRatio.Estimate, result.Unweighted.RiskRatio.Interval),
                    (result.Weighted.RiskRatio.Estimate, result.Weighted.RiskRatio.Interval), r.Ratio, false, Kind: ComparisonKind.Ratio));
        }
    }

    private static string Published(double? percent, bool signed) =>
        percent is not { } v ? "—"
        : signed ? (v > 0 ? "+" : v < 0 ? "\u2212" : "") + Math.Abs(v).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)
        : v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static bool HasColumn(string path, string column)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine() ?? "";
        return header.TrimStart('\uFEFF').Split(',').Select(h => h.Trim().Trim('"')).Contains(column, StringComparer.Ordinal);
    }
}
