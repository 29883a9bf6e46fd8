using NetHelpfulness.Estimation;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Data;

/// <summary>
/// A loaded creepy-to-helpful survey: one row per respondent, one rating per scenario, and every respondent-level
/// column of the file. Ratings are stored as a dense respondent × scenario matrix. Designs are built from the columns
/// with a <see cref="DesignSpec"/>, as many as needed, without reading the file again.
/// </summary>
public sealed class SurveyResponses
{
    /// <summary>The value that marks a rating as not answered, in <see cref="Ratings"/> and in score vectors.</summary>
    public const sbyte Missing = sbyte.MinValue;

    /// <summary>The name under which weights given to the constructor as numbers are kept as a column.</summary>
    public const string WeightColumnName = "weight";

    private readonly sbyte[] _ratings;
    private readonly string[] _scenarios;
    private readonly IReadOnlyList<string> _respondentIds;
    private readonly RespondentColumns _columns;
    private readonly string[] _groupNames;

    /// <summary>Creates a survey from its parts, checking their shapes.</summary>
    /// <param name="source">Where the data came from (a file name), for messages.</param>
    /// <param name="scale">The rating scale.</param>
    /// <param name="scenarios">Scenario identifiers.</param>
    /// <param name="respondentIds">Respondent identifiers.</param>
    /// <param name="ratings">Row-major respondent × scenario ratings, <see cref="Missing"/> where not answered.</param>
    /// <param name="country">Each respondent's country (a column named by its <see cref="CodedColumn.Name"/>).</param>
    /// <param name="weights">Design weights; kept as the column <see cref="WeightColumnName"/> and used by the default design.</param>
    /// <param name="strata">Strata of the default design.</param>
    /// <param name="clusters">Clusters of the default design.</param>
    /// <param name="groups">Further respondent-level columns.</param>
    /// <exception cref="ArgumentException">The parts disagree in size, or a rating lies outside the scale.</exception>
    public SurveyResponses(
        string source,
        RatingScale scale,
        string[] scenarios,
        string[] respondentIds,
        sbyte[] ratings,
        CodedColumn? country = null,
        double[]? weights = null,
        CodedColumn? strata = null,
        CodedColumn? clusters = null,
        IReadOnlyList<CodedColumn>? groups = null)
        : this(source, scale, scenarios, respondentIds, ratings,
            new[] { country, strata, clusters }.OfType<CodedColumn>().Concat(groups ?? []).ToList(),
            weights is null ? null : new Dictionary<string, double[]>(StringComparer.Ordinal) { [WeightColumnName] = weights },
            new DesignSpec { Weight = weights is null ? null : WeightColumnName, Strata = strata?.Name, Cluster = clusters?.Name },
            groupColumns: [.. (groups ?? []).Select(g => g.Name)])
    {
    }

    internal SurveyResponses(
        string source,
        RatingScale scale,
        string[] scenarios,
        IReadOnlyList<string> respondentIds,
        sbyte[] ratings,
        IReadOnlyList<CodedColumn> columns,
        IReadOnlyDictionary<string, double[]>? numbers,
        DesignSpec defaultDesign,
        string[] groupColumns,
        int[]? lines = null,
        IReadOnlyList<DataIssue>? inconsistent = null,
        IReadOnlyDictionary<string, string>? scenarioLabels = null,
        IReadOnlyList<string>? fileColumns = null,
        IssueLocator? locate = null)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(respondentIds);
        ArgumentNullException.ThrowIfNull(ratings);
        var n = respondentIds.Count;
        if (ratings.Length != n * scenarios.Length)
        {
            throw new ArgumentException("ratings must hold respondents × scenarios values", nameof(ratings));
        }

        foreach (var rating in ratings)
        {
            if (rating != Missing && !scale.Contains(rating))
            {
                throw new ArgumentException($"rating {rating} lies outside the scale {scale}", nameof(ratings));
            }
        }

        _columns = new RespondentColumns(source, n, columns, numbers, lines, inconsistent, locate);
        Source = source;
        Scale = scale;
        _scenarios = scenarios;
        _respondentIds = respondentIds;
        _ratings = ratings;
        _groupNames = groupColumns;
        DefaultDesign = defaultDesign;
        ScenarioLabels = scenarioLabels ?? new Dictionary<string, string>(StringComparer.Ordinal);
        FileColumns = fileColumns ?? ColumnNames;
    }

    /// <summary>The weight variable the file itself declares (an SPSS file's WEIGHT BY), or null.</summary>
    public string? FileWeight { get; private set; }

    internal SurveyResponses WithFileWeight(string variable)
    {
        FileWeight = variable;
        return this;
    }

    /// <summary>Every column of the source file's header, kept or not (ratings included).</summary>
    public IReadOnlyList<string> FileColumns { get; }

    /// <summary>Where the data came from (a file name), for messages and reports.</summary>
    public string Source { get; }

    /// <summary>The rating scale and its helpful and creepy ranges.</summary>
    public RatingScale Scale { get; }

    /// <summary>Scenario identifiers, in order of first appearance in the file.</summary>
    public IReadOnlyList<string> Scenarios => _scenarios;

    /// <summary>Scenario labels the file carries (for example SPSS variable labels or Qualtrics question texts), by scenario.</summary>
    public IReadOnlyDictionary<string, string> ScenarioLabels { get; }

    /// <summary>Respondent identifiers, in order of first appearance in the file.</summary>
    public IReadOnlyList<string> RespondentIds => _respondentIds;

    /// <summary>Number of respondents.</summary>
    public int RespondentCount => _respondentIds.Count;

    /// <summary>Number of scenarios.</summary>
    public int ScenarioCount => _scenarios.Length;

    /// <summary>The respondent × scenario rating matrix, row-major; <see cref="Missing"/> where not answered.</summary>
    public ReadOnlySpan<sbyte> Ratings => _ratings;

    /// <summary>The names of the respondent-level columns loaded (every column of the file that is not a rating, unless the read was limited).</summary>
    public IReadOnlyList<string> ColumnNames => _columns.Names;

    /// <summary>The design the file was read with (<see cref="SurveyReadOptions"/>' weight, strata and cluster columns), used where no other design is given.</summary>
    public DesignSpec DefaultDesign { get; }

    /// <summary>Each respondent's country, when the file has a <c>country</c> column.</summary>
    public CodedColumn? Country => HasColumn(SurveyReader.CountryColumn) ? Column(SurveyReader.CountryColumn) : null;

    /// <summary>The default design's weights, one per respondent, or empty when it is unweighted.</summary>
    public ReadOnlySpan<double> Weights => DefaultDesign.Weight is { } w ? _columns.Numbers(w, positive: true) : default;

    /// <summary>True when the default design is weighted.</summary>
    public bool IsWeighted => DefaultDesign.IsWeighted;

    /// <summary>The default design's strata, when it has any.</summary>
    public CodedColumn? Strata => DefaultDesign.Strata is { } s ? Column(s) : null;

    /// <summary>The default design's clusters, when it has any; otherwise each respondent is one.</summary>
    public CodedColumn? Clusters => DefaultDesign.Cluster is { } c ? Column(c) : null;

    /// <summary>The columns named for grouping when the file was read (<see cref="SurveyReadOptions.GroupColumns"/>).</summary>
    public IReadOnlyList<CodedColumn> Groups => [.. _groupNames.Select(Column)];

    /// <summary>True when a respondent-level column of this name was loaded.</summary>
    public bool HasColumn(string name) => _columns.Has(name);

    /// <summary>A respondent-level column, as text codes.</summary>
    /// <exception cref="ArgumentException">No such column (the message lists those loaded).</exception>
    /// <exception cref="SurveyDataException">The column's value differs between rows of one respondent.</exception>
    public CodedColumn Column(string name) => _columns.Column(name);

    /// <summary>A respondent-level column as numbers (invariant culture, '.' as decimal point).</summary>
    /// <exception cref="ArgumentException">No such column.</exception>
    /// <exception cref="SurveyDataException">A value is not a finite number (each problem with the line of the respondent's first row).</exception>
    public ReadOnlySpan<double> Numbers(string name) => _columns.Numbers(name, positive: false);

    /// <summary>The index of a scenario by its identifier.</summary>
    /// <exception cref="ArgumentException">No such scenario.</exception>
    public int ScenarioIndex(string scenario)
    {
        var index = Array.IndexOf(_scenarios, scenario);
        return index >= 0
            ? index
            : throw new ArgumentException($"no scenario '{scenario}' in {Source}; it has {string.Join(", ", _scenarios)}", nameof(scenario));
    }

    /// <summary>The rating of one respondent for one scenario, or <see cref="Missing"/>.</summary>
    public sbyte Rating(int respondent, int scenario) => _ratings[(respondent * _scenarios.Length) + scenario];

    /// <summary>Per-respondent scores for one scenario: +1 helpful, 0 neutral, −1 creepy, <see cref="Missing"/> not answered.</summary>
    public sbyte[] Scores(int scenario)
    {
        if ((uint)scenario >= (uint)_scenarios.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        var scores = new sbyte[RespondentCount];
        var stride = _scenarios.Length;
        for (var i = 0; i < scores.Length; i++)
        {
            var rating = _ratings[(i * stride) + scenario];
            scores[i] = rating == Missing ? Missing : Scale.Score(rating);
        }

        return scores;
    }

    /// <summary>The default design (the columns the file was read with) under a lonely-PSU rule.</summary>
    public SurveyDesign Design(LonelyPsu lonelyPsu = LonelyPsu.Fail) => Design(DefaultDesign with { LonelyPsu = lonelyPsu });

    /// <summary>Builds a design from this survey's columns, calibrated when the spec has a <see cref="DesignSpec.Calibration"/>.</summary>
    /// <exception cref="ArgumentException">A column of the spec was not loaded.</exception>
    /// <exception cref="SurveyDataException">A weight is not a finite number &gt; 0, or a stratum or cluster value is empty (with the respondent's line);
    /// or the margins do not fit the survey (<see cref="SurveyCalibration"/>).</exception>
    /// <exception cref="SurveyDesignException">A stratum has a single PSU under <see cref="LonelyPsu.Fail"/>.</exception>
    /// <exception cref="CalibrationException">The calibration does not converge, or gives a weight that is not positive.</exception>
    public SurveyDesign Design(DesignSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Calibration is null ? _columns.Design(spec) : SurveyCalibration.Calibrate(this, spec).Design;
    }

    /// <summary>Where a respondent first appears in the file: its line, or for an SPSS file its case number (0 when the survey was not read from a file).</summary>
    public long LineOf(int respondent) => _columns.LineOf(respondent);
}
