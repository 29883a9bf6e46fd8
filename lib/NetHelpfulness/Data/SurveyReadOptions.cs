
namespace NetHelpfulness.Data;

/// <summary>How a survey file is laid out.</summary>
public enum SurveyLayout
{
    /// <summary>One row per respondent and scenario, with <c>scenario</c> and <c>rating</c> columns.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "'long' is the survey term for this layout.")]
    Long,

    /// <summary>One row per respondent, one column per scenario (as most survey tools export).</summary>
    Wide,
}

/// <summary>Options for <see cref="SurveyReader"/>. The defaults read the package's long contract on the 5-point scale.</summary>
public sealed record SurveyReadOptions
{
    /// <summary>The file's layout.</summary>
    public SurveyLayout Layout { get; init; } = SurveyLayout.Long;

    /// <summary>The rating scale.</summary>
    public RatingScale Scale { get; init; } = RatingScale.FivePoint;

    /// <summary>The design-weight column, or null to read the data unweighted (the default).</summary>
    public string? WeightColumn { get; init; }

    /// <summary>The strata column, or null for none.</summary>
    public string? StrataColumn { get; init; }

    /// <summary>The cluster (PSU) column, or null when each respondent is its own PSU.</summary>
    public string? ClusterColumn { get; init; }

    /// <summary>Further respondent-level columns to load for grouping (constant within a respondent).</summary>
    public IReadOnlyList<string> GroupColumns { get; init; } = [];

    /// <summary>Wide layout: the scenario columns, by name.</summary>
    public IReadOnlyList<string> ScenarioColumns { get; init; } = [];

    /// <summary>Wide layout: every column whose name starts with this prefix is a scenario (the prefix removed).</summary>
    public string? ScenarioPrefix { get; init; }

    /// <summary>Reading stops after this many violations.</summary>
    public int MaxIssues { get; init; } = 50;
}
