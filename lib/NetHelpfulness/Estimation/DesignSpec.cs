using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Estimation;

/// <summary>
/// How to build a survey design from the columns of a loaded survey: which column holds the design weights, the
/// strata and the clusters (PSUs), and the rule for single-PSU strata. The data are read once; any number of designs
/// can be built from them (<see cref="Data.SurveyResponses.Design(DesignSpec)"/>), as R's <c>svydesign</c> does from
/// one data frame.
/// </summary>
/// <remarks>Without a weight column the design is unweighted (every weight 1); without a cluster column each
/// respondent is its own PSU; without strata there is one stratum. Clusters are nested within strata. With a
/// <see cref="Calibration"/>, the design's weights are calibrated to population margins (the design weights, or 1, are
/// the starting weights; see <see cref="SurveyCalibration"/>).</remarks>
public sealed record DesignSpec
{
    /// <summary>The unweighted design with each respondent its own PSU (a simple random sample).</summary>
    public static DesignSpec Unweighted { get; } = new();

    /// <summary>The design-weight column, or null for equal weights.</summary>
    public string? Weight { get; init; }

    /// <summary>The strata column, or null for a single stratum.</summary>
    public string? Strata { get; init; }

    /// <summary>The cluster (PSU) column, or null when each respondent is its own PSU.</summary>
    public string? Cluster { get; init; }

    /// <summary>What to do with a stratum that has a single PSU (R's <c>survey.lonely.psu</c>).</summary>
    public LonelyPsu LonelyPsu { get; init; } = LonelyPsu.Fail;

    /// <summary>The calibration of the weights to population margins, or null for the design weights as they are.</summary>
    public CalibrationSpec? Calibration { get; init; }

    /// <summary>True when the design's weights come from a column or a calibration.</summary>
    public bool IsWeighted => Weight is not null || Calibration is not null;

    /// <summary>True when the design is more than an unweighted simple random sample of respondents.</summary>
    public bool HasDesign => IsWeighted || Strata is not null || Cluster is not null;

    /// <summary>The columns the design reads (the calibration's variables included).</summary>
    public IEnumerable<string> Columns => new[] { Weight, Strata, Cluster }.OfType<string>()
        .Concat(Calibration?.Margins.Variables.Select(v => v.Name) ?? []);

    /// <summary>A short description for tables and reports: weighting, strata, clusters, calibration.</summary>
    public string Describe() => string.Join(", ", new[]
    {
        Weight is null ? "unweighted" : $"weights: {Weight}",
        Strata is null ? "no strata" : $"strata: {Strata}",
        Cluster is null ? "clusters: respondents" : $"clusters: {Cluster}",
        Calibration?.Describe(),
    }.OfType<string>());
}
