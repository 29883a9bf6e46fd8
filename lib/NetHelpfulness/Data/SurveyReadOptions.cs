
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

    /// <summary>
    /// The respondent identifier column, or null for <c>respondent_id</c>; in the wide layout a file without that column
    /// numbers its rows 1, 2, … as respondents.
    /// </summary>
    public string? IdColumn { get; init; }

    /// <summary>
    /// The default design's weight column, validated as the file is read (finite, &gt; 0, the same on every row of a
    /// respondent), or null for an unweighted default design. Any column can still weight a design built later with a
    /// <see cref="Estimation.DesignSpec"/>.
    /// </summary>
    public string? WeightColumn { get; init; }

    /// <summary>The default design's strata column (validated as it is read: not empty, constant within a respondent), or null for none.</summary>
    public string? StrataColumn { get; init; }

    /// <summary>The default design's cluster (PSU) column, or null when each respondent is its own PSU.</summary>
    public string? ClusterColumn { get; init; }

    /// <summary>Respondent-level columns that must be present and valid (not empty, constant within a respondent), for grouping.</summary>
    public IReadOnlyList<string> GroupColumns { get; init; } = [];

    /// <summary>
    /// The respondent-level columns to keep, or null (the default) for every column that is not a rating. Naming only
    /// what an analysis needs keeps memory small for very large files; the design and group columns above are always kept.
    /// </summary>
    public IReadOnlyList<string>? KeepColumns { get; init; }

    /// <summary>Wide layout: the scenario columns, by name.</summary>
    public IReadOnlyList<string> ScenarioColumns { get; init; } = [];

    /// <summary>Wide layout: every column whose name starts with this prefix is a scenario (the prefix removed).</summary>
    public string? ScenarioPrefix { get; init; }

    /// <summary>
    /// Text answers and what they mean (for example a Qualtrics export of choice texts): each label's rating, or null
    /// for "not answered" (such as "Don't know"). Labels are matched after trimming, ignoring case; a numeric answer is
    /// read as a rating as always. Null (the default) accepts numeric ratings only.
    /// </summary>
    public IReadOnlyDictionary<string, int?>? AnswerLabels { get; init; }

    /// <summary>Reading stops after this many violations.</summary>
    public int MaxIssues { get; init; } = 50;
}
