namespace NetHelpfulness.Estimation;

/// <summary>
/// How to build a survey design from the columns of a loaded survey: which column holds the design weights, the
/// strata and the clusters (PSUs), and the rule for single-PSU strata. The data are read once; any number of designs
/// can be built from them (<see cref="Data.SurveyResponses.Design(DesignSpec)"/>), as R's <c>svydesign</c> does from
/// one data frame.
/// </summary>
/// <remarks>Without a weight column the design is unweighted (every weight 1); without a cluster column each
/// respondent is its own PSU; without strata there is one stratum. Clusters are nested within strata.</remarks>
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

    /// <summary>True when the design carries weights from a column.</summary>
    public bool IsWeighted => Weight is not null;

    /// <summary>True when the design is more than an unweighted simple random sample of respondents.</summary>
    public bool HasDesign => Weight is not null || Strata is not null || Cluster is not null;

    /// <summary>The columns the design reads.</summary>
    public IEnumerable<string> Columns => new[] { Weight, Strata, Cluster }.OfType<string>();

    /// <summary>A short description for tables and reports: weighting, strata, clusters.</summary>
    public string Describe() => string.Join(", ",
        Weight is null ? "unweighted" : $"weights: {Weight}",
        Strata is null ? "no strata" : $"strata: {Strata}",
        Cluster is null ? "clusters: respondents" : $"clusters: {Cluster}");
}
