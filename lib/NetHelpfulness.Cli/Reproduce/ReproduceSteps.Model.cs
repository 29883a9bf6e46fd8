using NetHelpfulness.Cli.Output;
using NetHelpfulness.Estimation;
using NetHelpfulness.Figures;

namespace NetHelpfulness.Cli.Reproduce;

// The design-based models of the stacked ratings (nethelp model): new tables and figures, after the effects.
internal static partial class ReproduceSteps
{
    private static void AdditiveModel(ReproduceContext c)
    {
        if (Fit(c, "relationship + tracking", ModelOutcome.Net) is not { } fit)
        {
            return;
        }

        c.Tables.Add(new ResultTable("model-coefficients", $"Design-based model of the net score on the stacked ratings: {fit.Formula} (linear, coefficients in net points)",
            ["term", "model_term", "estimate", "se", "ci_low", "ci_high", "t", "p"],
            [.. fit.Coefficients.Select(k => (IReadOnlyList<Cell>)(k.IsAliased
                ? [k.Name, k.Term, Cell.Empty("aliased"), Cell.Empty(""), Cell.Empty(""), Cell.Empty(""), Cell.Empty(""), Cell.Empty("")]
                : [k.Name, k.Term, Cell.Points(k.Value!.Value), Cell.PointsUnsigned(k.StandardError!.Value), Cell.Points(k.Interval!.Lower), Cell.Points(k.Interval.Upper),
                    Cell.Plain(k.TStatistic ?? double.NaN, 2), k.PValue is { } p ? PValue(p) : Cell.Empty("n/a")]))],
            ModelNote(fit)));
        if (fit.Coefficients.Any(k => !k.IsAliased && k.Term != "(Intercept)"))
        {
            c.Figures.Add(ModelFigures.Coefficients(fit, c.IsSynthetic ? "SYNTHETIC data calibrated to the article's figures." : null,
                $"Relationship, tracking{(fit.Formula.TermLabels.Contains("country") ? " and country" : "")}: a design-based model of the net score"));
        }
    }

    private static void SaturatedModel(ReproduceContext c)
    {
        if (Fit(c, "relationship * tracking", ModelOutcome.Net) is not { } fit)
        {
            return;
        }

        c.Tables.Add(new ResultTable("model-tests", $"Wald tests of the terms of {fit.Formula} (net score; as R regTermTest)",
            ["term", "df", "ddf", "f", "p", "chi_square", "p_chi_square"],
            [.. fit.Tests().Select(t => (IReadOnlyList<Cell>)[t.Term, Cell.Int(t.Df), Cell.Int(t.DenominatorDf), Cell.Plain(t.F, 2), PValue(t.PF), Cell.Plain(t.ChiSquare, 2), PValue(t.PChiSquare)])],
            ModelNote(fit) + " F with the residual df (regTermTest's default); chi-square with df = Inf."));
        if (fit.DefaultMarginVariables.Count == 0)
        {
            return;
        }

        var margins = fit.Margins();
        c.Tables.Add(new ResultTable("model-predicted-net-scores", $"Predicted net score of each cell of {string.Join(" × ", margins.Variables)} ({fit.Formula})",
            [.. margins.Variables, "ratings", "net", "se", "ci_low", "ci_high", "note"],
            [.. margins.Cells.Select(m => (IReadOnlyList<Cell>)(m.Estimate is { } e
                ? [.. m.Levels.Select(l => (Cell)l), Cell.Int(m.Rows), Cell.Points(e.Estimate), Cell.PointsUnsigned(e.StandardError), Cell.Points(m.Interval!.Lower), Cell.Points(m.Interval.Upper), ""]
                : [.. m.Levels.Select(l => (Cell)l), Cell.Int(m.Rows), Cell.Empty("—"), Cell.Empty(""), Cell.Empty(""), Cell.Empty(""), m.NotEstimable ?? ""]))],
            "Predictive margins: the model's mean prediction over its ratings with the cell set and the other covariates as observed (Graubard and Korn 1999); "
            + "linearised SE with the covariance of the coefficients and of the covariates' distribution. " + ModelNote(fit)));
        c.Tables.Add(new ResultTable("model-contrasts", $"Contrasts between the cells of {string.Join(" × ", margins.Variables)} (net points; {fit.Formula})",
            ["contrast", "estimate", "se", "ci_low", "ci_high", "p"],
            [.. margins.Contrasts.Select(k => (IReadOnlyList<Cell>)[k.Name, Cell.Points(k.Estimate.Estimate), Cell.PointsUnsigned(k.Estimate.StandardError),
                Cell.Points(k.Interval.Lower), Cell.Points(k.Interval.Upper), k.PValue is { } p ? PValue(p) : Cell.Empty("n/a")])],
            Statement(margins, c.Settings.Level)));
        if (margins.Cells.Any(m => m.Estimate is not null))
        {
            c.Figures.Add(ModelFigures.Predicted(margins, c.IsSynthetic ? "SYNTHETIC data calibrated to the article's figures." : null,
                "Predicted net score by relationship and tracking"));
        }
    }

    private static void LogisticModels(ReproduceContext c)
    {
        var rows = new List<IReadOnlyList<Cell>>();
        SurveyModelFit? last = null;
        foreach (var outcome in new[] { ModelOutcome.Helpful, ModelOutcome.Creepy })
        {
            if (Fit(c, "relationship + tracking", outcome) is not { } fit)
            {
                continue;
            }

            last = fit;
            var name = ModelSpecification.NameOf(outcome);
            rows.AddRange(fit.Coefficients.Where(k => k.Term != "(Intercept)").Select(k => (IReadOnlyList<Cell>)(k.IsAliased
                ? [name, k.Name, Cell.Empty("aliased"), Cell.Empty(""), Cell.Empty(""), Cell.Empty(""), Cell.Empty(""), Cell.Empty("")]
                : [name, k.Name, Cell.Plain(k.Value!.Value, 3), Cell.Plain(k.StandardError!.Value, 3), Cell.Plain(Math.Exp(k.Value.Value), 3),
                    Cell.Plain(Math.Exp(k.Interval!.Lower), 3), Cell.Plain(Math.Exp(k.Interval.Upper), 3), k.PValue is { } p ? PValue(p) : Cell.Empty("n/a")])));
        }

        if (last is not null)
        {
            c.Tables.Add(new ResultTable("model-odds-ratios", $"Logistic models of a helpful and of a creepy rating on the stacked ratings: {last.Formula}",
                ["outcome", "term", "log_odds_ratio", "se", "odds_ratio", "or_ci_low", "or_ci_high", "p"], rows,
                ModelNote(last) + " Quasi-binomial pseudo-likelihood, as R svyglm(family = quasibinomial()); odds ratios = exp(coefficient)."));
        }
    }

    // A model of the stacked ratings on the study's design, with the country as a covariate where the survey has one; the
    // aliased columns (a catalogue that is not a full factorial) are dropped as R does and reported. A model that cannot be
    // fitted is said so in the report, not hidden.
    private static SurveyModelFit? Fit(ReproduceContext c, string terms, ModelOutcome outcome)
    {
        var survey = c.RequireSurvey();
        if (c.ScenarioAttributes is null)
        {
            return null;
        }

        var withCountry = survey.Country is not null ? terms + " + country" : terms;
        try
        {
            return SurveyModel.Fit(survey, c.ScenarioAttributes, c.Design!, new ModelSpecification
            {
                Terms = withCountry,
                Outcome = outcome,
                Aliased = AliasedColumns.Drop,
                Level = c.Settings.Level,
            });
        }
        catch (Exception e) when (e is ModelException or InsufficientDataException)
        {
            c.MethodNotes.Add($"The model of {ModelSpecification.NameOf(outcome)} on {withCountry} was not fitted: {e.Message}");
            return null;
        }
    }

    private static string ModelNote(SurveyModelFit fit) =>
        FormattableString.Invariant($"Design-based (svyglm): {fit.RowCount:N0} ratings of {fit.RespondentCount:N0} respondents, the respondent (or its PSU) the cluster; ")
        + FormattableString.Invariant($"t intervals and p-values with {fit.ResidualDegreesOfFreedom:N0} df (design df {fit.DesignDegreesOfFreedom:N0} + 1 − {fit.Estimates.Count} coefficients).")
        + (fit.Coefficients.Any(k => k.IsAliased) ? $" Aliased and dropped, as R's NA: {string.Join(", ", fit.Coefficients.Where(k => k.IsAliased).Select(k => k.Name))}." : "");

    // The article's claims as numbers: what an established relationship adds, and what deep tracking costs with it.
    private static string Statement(PredictiveMargins margins, double level)
    {
        var percent = Format.Level(level);
        string Say(MarginContrast k) => $"{Format.Points(k.Estimate.Estimate)} points ({percent} CI {Format.Points(k.Interval.Lower)} to {Format.Points(k.Interval.Upper)})";
        var sentences = new List<string>();
        var relationship = margins.Contrasts.FirstOrDefault(k => k.Variable == "relationship" && k.WithinLevels.Count > 1);
        if (relationship is not null)
        {
            sentences.Add($"An established relationship changes the predicted net score by {Say(relationship)} at the same tracking (mean over {string.Join(", ", relationship.WithinLevels)}).");
        }

        var tracking = margins.Contrasts.FirstOrDefault(k => k.Variable == "tracking" && k.Level == PredictiveMargins.MeanOfOthers && k.WithinLevels.SequenceEqual(["established"]));
        if (tracking is not null)
        {
            sentences.Add($"With an established relationship, deep tracking (mean of its kinds) changes it by {Say(tracking)} against no tracking.");
        }

        return string.Join(" ", sentences.Append("Each contrast is a level minus the reference level (none), within a level of the other factor or averaged over them."));
    }
}
