using NetHelpfulness.Data;
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Figures;

/// <summary>What the spectrum's subtitle and axis say about the data and the interval.</summary>
/// <param name="DataNote">Provenance of the bars, shown in the subtitle (say "synthetic" where the data are).</param>
/// <param name="IntervalNote">How the net score's interval was computed, for example "95% CI, design-based (linearized)".</param>
/// <param name="Title">The figure's title.</param>
public sealed record SpectrumOptions(string DataNote, string IntervalNote = "95% CI", string Title = "The creepy-to-helpful spectrum")
{
    /// <summary>The note for the package's synthetic survey, calibrated to the article's published figures.</summary>
    public const string SyntheticStudyNote =
        "Bars: SYNTHETIC respondent data calibrated to the article's published figures (not the study's own data).";
}

/// <summary>Builds the spectrum's rows and categories from the core library's results.</summary>
public static class SpectrumRows
{
    /// <summary>The categories of a scale: on the 5-point scale "very creepy" … "very helpful"; otherwise one per point.</summary>
    public static IReadOnlyList<SpectrumCategory> CategoriesOf(RatingScale scale)
    {
        ArgumentNullException.ThrowIfNull(scale);
        if (scale.IsFivePoint)
        {
            return
            [
                new("very creepy", SpectrumSide.Creepy), new("creepy", SpectrumSide.Creepy), new("neutral", SpectrumSide.Neutral),
                new("helpful", SpectrumSide.Helpful), new("very helpful", SpectrumSide.Helpful),
            ];
        }

        return [.. Enumerable.Range(scale.Minimum, scale.Maximum - scale.Minimum + 1).Select(k => new SpectrumCategory(
            $"rating {k} ({(scale.Score(k) switch { 1 => "helpful", -1 => "creepy", _ => "neutral" })})",
            scale.Score(k) switch { 1 => SpectrumSide.Helpful, -1 => SpectrumSide.Creepy, _ => SpectrumSide.Neutral }))];
    }

    /// <summary>
    /// One row per scenario: the distribution's shares, the net score with its interval, the catalogue's label and
    /// attributes (when given) and the article's published values (when given; converted from percent).
    /// </summary>
    /// <exception cref="ArgumentException">A scenario has a distribution but no score.</exception>
    public static IReadOnlyList<SpectrumRow> Build(
        IReadOnlyList<ScenarioRatingDistribution> distributions,
        IReadOnlyList<ScenarioScore> scores,
        ScenarioCatalogue? catalogue = null,
        IReadOnlyList<PublishedNetScore>? published = null)
    {
        ArgumentNullException.ThrowIfNull(distributions);
        ArgumentNullException.ThrowIfNull(scores);
        var rows = new List<SpectrumRow>(distributions.Count);
        foreach (var d in distributions)
        {
            var score = scores.FirstOrDefault(s => s.Scenario == d.Scenario)?.Score
                ?? throw new ArgumentException($"scenario '{d.Scenario}' has a distribution but no net score", nameof(scores));
            var info = catalogue?.Find(d.Scenario);
            var pub = published?.FirstOrDefault(p => p.Scenario == d.Scenario);
            rows.Add(new SpectrumRow(
                d.Scenario,
                info is null || info.Label.Length == 0 ? d.Scenario.Replace('_', ' ') : info.Label,
                [.. d.Distribution.Points.Select(p => p.Share)],
                score.Estimate, score.Interval.Lower, score.Interval.Upper, score.N,
                info?.Relationship, info?.Tracking,
                pub?.NetPercent / 100, pub?.HelpfulPercent / 100, pub?.CreepyPercent / 100));
        }

        return rows;
    }
}
