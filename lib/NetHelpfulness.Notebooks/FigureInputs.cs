
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Notebooks;

/// <summary>A ratio to draw (a risk or odds ratio from <c>Ratios.Compare</c>), with the article's value where it gives one.</summary>
/// <param name="Label">Row label, for example "shares personal info | transparent and humane".</param>
/// <param name="Ratio">The library's estimate with its interval (a ratio, &gt; 0).</param>
/// <param name="Published">The ratio the article published, if any.</param>
public sealed record LabelledRatio(string Label, EffectEstimate Ratio, double? Published = null);

/// <summary>An effect on the net score to draw in the forest plot, on the [−2, 2] difference scale.</summary>
/// <param name="Label">Row label.</param>
/// <param name="Estimate">Difference in net score.</param>
/// <param name="Interval">Its confidence interval.</param>
/// <param name="Group">Kind of effect (for example "relationship", "tracking", "matched contrast"); each kind has its own marker.</param>
public sealed record LabelledEffect(string Label, double Estimate, ConfidenceInterval Interval, string Group);

/// <summary>A net score of one scenario in one country for the heatmap; <paramref name="Net"/> null where it was not estimated.</summary>
/// <param name="Country">Country (row).</param>
/// <param name="Scenario">Scenario label (column).</param>
/// <param name="Net">Net score in [−1, 1], or null.</param>
/// <param name="N">Respondents who answered in this cell (cells under the minimum are suppressed).</param>
public sealed record CountryNetScore(string Country, string Scenario, double? Net, int N);
