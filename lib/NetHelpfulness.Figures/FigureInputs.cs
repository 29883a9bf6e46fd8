using NetHelpfulness.Data;

namespace NetHelpfulness.Figures;

/// <summary>Which side of the creepy-to-helpful spectrum a rating category lies on.</summary>
public enum SpectrumSide
{
    /// <summary>Drawn left of zero.</summary>
    Creepy,

    /// <summary>Drawn in its own panel, so that the whole 100% is visible.</summary>
    Neutral,

    /// <summary>Drawn right of zero.</summary>
    Helpful,
}

/// <summary>A rating category of the spectrum (one point of the scale, for example "very creepy").</summary>
/// <param name="Label">Legend label.</param>
/// <param name="Side">Its side of the spectrum.</param>
public sealed record SpectrumCategory(string Label, SpectrumSide Side);

/// <summary>One scenario of the creepy-to-helpful spectrum. Shares and scores on the [0, 1] and [−1, 1] scales.</summary>
/// <param name="Scenario">Identifier.</param>
/// <param name="Label">Row label.</param>
/// <param name="Shares">Share of each category, in the order of the figure's categories; they sum to 1.</param>
/// <param name="Net">Net score.</param>
/// <param name="NetLower">Lower confidence limit of the net score.</param>
/// <param name="NetUpper">Upper confidence limit.</param>
/// <param name="N">Respondents who answered.</param>
/// <param name="Relationship">Whether a relationship with the brand is stated, when known.</param>
/// <param name="Tracking">The kind of tracking, when known.</param>
/// <param name="PublishedNet">Net score the article published, if any.</param>
/// <param name="PublishedHelpful">Share helpful the article published, if any.</param>
/// <param name="PublishedCreepy">Share creepy the article published, if any.</param>
public sealed record SpectrumRow(
    string Scenario,
    string Label,
    IReadOnlyList<double> Shares,
    double Net,
    double NetLower,
    double NetUpper,
    int N,
    Relationship? Relationship = null,
    Tracking? Tracking = null,
    double? PublishedNet = null,
    double? PublishedHelpful = null,
    double? PublishedCreepy = null);

/// <summary>An effect with its interval, for the forest plot; on the net score's [−2, 2] difference scale.</summary>
/// <param name="Label">Row label, for example "relationship (third-party cookies)".</param>
/// <param name="Estimate">Difference in net score.</param>
/// <param name="Lower">Lower confidence limit.</param>
/// <param name="Upper">Upper confidence limit.</param>
/// <param name="Group">Kind of effect (for example "relationship", "tracking", "matched contrast"); drawn with its own marker.</param>
public sealed record EffectRow(string Label, double Estimate, double Lower, double Upper, string Group);

/// <summary>A net score of one scenario in one country, for the heatmap; null where it could not be estimated.</summary>
/// <param name="Country">Country (row).</param>
/// <param name="Scenario">Scenario label (column).</param>
/// <param name="Net">Net score in [−1, 1], or null.</param>
/// <param name="N">Respondents who answered in this cell.</param>
public sealed record CountryScenarioCell(string Country, string Scenario, double? Net, int N);

/// <summary>A ratio (risk or odds) with its interval, and the article's published value where it gives one.</summary>
/// <param name="Label">Row label, for example "shares personal info | transparent and humane".</param>
/// <param name="Estimate">The ratio (&gt; 0).</param>
/// <param name="Lower">Lower confidence limit (&gt; 0).</param>
/// <param name="Upper">Upper confidence limit.</param>
/// <param name="Published">The published ratio, if any.</param>
public sealed record RatioRow(string Label, double Estimate, double Lower, double Upper, double? Published = null);

/// <summary>Empirical coverage of one interval method at one sample size, from a Monte-Carlo study.</summary>
/// <param name="Method">Interval method.</param>
/// <param name="N">Sample size.</param>
/// <param name="Coverage">Share of intervals that covered the true value, in [0, 1].</param>
public sealed record CoveragePoint(string Method, int N, double Coverage);

/// <summary>A predicted value of one cell for the interaction plot (a series per level of one factor, categories along x); null where not estimable.</summary>
/// <param name="Series">The series (for example "established relationship"): one line and marker shape.</param>
/// <param name="Category">The position along x (for example "geo-tracking").</param>
/// <param name="Estimate">The predicted net score in [−1, 1] or share in [0, 1], or null.</param>
/// <param name="Lower">Lower confidence limit, or null.</param>
/// <param name="Upper">Upper confidence limit, or null.</param>
public sealed record PredictedCell(string Series, string Category, double? Estimate, double? Lower, double? Upper);

/// <summary>How a coefficient forest plot shows its values.</summary>
public enum CoefficientScale
{
    /// <summary>Differences in net score, drawn in percentage points on a linear axis around 0.</summary>
    NetPoints,

    /// <summary>Differences in a share, drawn in percentage points on a linear axis around 0.</summary>
    SharePoints,

    /// <summary>Odds ratios (exp of logistic coefficients) on a log axis around 1.</summary>
    OddsRatio,
}

/// <summary>What an interaction plot's values are.</summary>
public enum PredictionScale
{
    /// <summary>Net scores in [−1, 1], drawn in percentage points.</summary>
    NetScore,

    /// <summary>Shares in [0, 1], drawn in percent.</summary>
    Share,
}
