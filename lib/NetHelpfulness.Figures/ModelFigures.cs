using NetHelpfulness.Estimation;

namespace NetHelpfulness.Figures;

/// <summary>Figures of a fitted design-based model (<see cref="SurveyModel"/>), built from the core library's results.</summary>
public static class ModelFigures
{
    /// <summary>
    /// The forest plot of a model's coefficients (intercept and aliased columns left out): differences in net points for
    /// a linear model of the net score, odds ratios for a logistic model, each with the model's t interval.
    /// </summary>
    /// <exception cref="ArgumentException">The model has no coefficient besides the intercept.</exception>
    public static Figure Coefficients(SurveyModelFit fit, string? dataNote = null, string? title = null, string name = StudyFigures.ModelCoefficientsName)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var scale = fit.Family == ModelFamily.Logit ? CoefficientScale.OddsRatio
            : fit.Specification.Outcome == ModelOutcome.Net ? CoefficientScale.NetPoints : CoefficientScale.SharePoints;
        var outcome = fit.Specification.Outcome == ModelOutcome.Net ? "the net score" : $"'{ModelSpecification.NameOf(fit.Specification.Outcome)}'";
        return StudyFigures.ModelCoefficients(CoefficientRows(fit), scale,
            title ?? $"Model of {outcome}: {fit.Formula}", IntervalNote(fit.Specification.Level, fit.ResidualDegreesOfFreedom), dataNote, name,
            "reference levels: " + string.Join(", ", fit.Variables.Where(v => v.IsFactor).Select(v => $"{v.Name} {Readable(v.Reference!)}")));
    }

    /// <summary>
    /// The interaction plot of a model's predictive margins: the second margin variable along x (tracking), a line per
    /// level of the first (relationship); with one margin variable, its levels along x.
    /// </summary>
    /// <exception cref="ArgumentException">No margin variable, or no estimable cell.</exception>
    public static Figure Predicted(PredictiveMargins margins, string? dataNote = null, string? title = null, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(margins);
        if (margins.Variables.Count == 0)
        {
            throw new ArgumentException("the predictive margins have no variable", nameof(margins));
        }

        var net = margins.Scale == "net score";
        var across = margins.Variables[^1];
        var by = margins.Variables.Count > 1 ? string.Join(" × ", margins.Variables.Take(margins.Variables.Count - 1)) : null;
        return StudyFigures.PredictedCells(CellRows(margins), net ? PredictionScale.NetScore : PredictionScale.Share, Readable(across),
            title ?? $"Predicted {margins.Scale} by {(by is null ? "" : by + " and ")}{across}",
            IntervalNote(0.95, margins.DegreesOfFreedom, margins.Cells.FirstOrDefault(c => c.Interval is not null)?.Interval?.Level), dataNote,
            name ?? (net ? StudyFigures.PredictedNetScoresName : "predicted-" + margins.Scale.Replace(' ', '-')));
    }

    /// <summary>The forest plot's rows: one per estimable coefficient but the intercept, labelled in words, grouped by term; odds ratios for a logistic model.</summary>
    public static IReadOnlyList<EffectRow> CoefficientRows(SurveyModelFit fit)
    {
        ArgumentNullException.ThrowIfNull(fit);
        var odds = fit.Family == ModelFamily.Logit;
        return [.. fit.Coefficients.Where(c => !c.IsAliased && c.Term != "(Intercept)").Select(c => new EffectRow(
            Label(fit, c.Name), odds ? Math.Exp(c.Value!.Value) : c.Value!.Value, odds ? Math.Exp(c.Interval!.Lower) : c.Interval!.Lower,
            odds ? Math.Exp(c.Interval.Upper) : c.Interval.Upper, c.Term))];
    }

    /// <summary>The interaction plot's cells: the series is the level of the first margin variables, the category the last's.</summary>
    public static IReadOnlyList<PredictedCell> CellRows(PredictiveMargins margins)
    {
        ArgumentNullException.ThrowIfNull(margins);
        var k = margins.Variables.Count;
        return [.. margins.Cells.Select(c => new PredictedCell(
            k == 1 ? "predicted" : string.Join(" × ", Enumerable.Range(0, k - 1).Select(i => $"{margins.Variables[i]}: {Readable(c.Levels[i])}")),
            Readable(c.Levels[k - 1]), c.Estimate?.Estimate, c.Interval?.Lower, c.Interval?.Upper))];
    }

    /// <summary>A level or name in words: underscores as spaces, "third party" hyphenated.</summary>
    public static string Readable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace('_', ' ').Replace("third party", "third-party", StringComparison.Ordinal);
    }

    // "relationshipestablished:trackinggeo_tracking" in words: "relationship: established × tracking: geo tracking".
    private static string Label(SurveyModelFit fit, string column)
    {
        var parts = column.Split(':');
        return string.Join(" × ", parts.Select(part =>
        {
            var variable = fit.Variables.Where(v => part.StartsWith(v.Name, StringComparison.Ordinal) && (v.IsFactor ? v.Levels.Contains(part[v.Name.Length..], StringComparer.Ordinal) : part == v.Name))
                .OrderByDescending(v => v.Name.Length).FirstOrDefault();
            return variable is null ? part : variable.IsFactor ? $"{variable.Name}: {Readable(part[variable.Name.Length..])}" : variable.Name;
        }));
    }

    private static string IntervalNote(double level, int df, double? intervalLevel = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{(intervalLevel ?? level) * 100:0.#}% CI, design-based (linearised; t with {df:N0} df)");
}
