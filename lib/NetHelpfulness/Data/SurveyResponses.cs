
using NetHelpfulness.Estimation;

namespace NetHelpfulness.Data;

/// <summary>
/// A loaded creepy-to-helpful survey: one row per respondent, one rating per scenario, and the respondent-level
/// design variables. Ratings are stored as a dense respondent × scenario matrix.
/// </summary>
public sealed class SurveyResponses
{
    /// <summary>The value that marks a rating as not answered, in <see cref="Ratings"/> and in score vectors.</summary>
    public const sbyte Missing = sbyte.MinValue;

    private readonly sbyte[] _ratings;
    private readonly string[] _scenarios;
    private readonly string[] _respondentIds;
    private readonly double[]? _weights;

    /// <summary>Creates a survey from its parts, checking their shapes.</summary>
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
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(scenarios);
        ArgumentNullException.ThrowIfNull(respondentIds);
        ArgumentNullException.ThrowIfNull(ratings);
        var n = respondentIds.Length;
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

        CheckLength(country, n, nameof(country));
        CheckLength(strata, n, nameof(strata));
        CheckLength(clusters, n, nameof(clusters));
        if (weights is not null && weights.Length != n)
        {
            throw new ArgumentException("one weight per respondent is required", nameof(weights));
        }

        foreach (var group in groups ?? [])
        {
            CheckLength(group, n, nameof(groups));
        }

        Source = source;
        Scale = scale;
        _scenarios = scenarios;
        _respondentIds = respondentIds;
        _ratings = ratings;
        Country = country;
        _weights = weights;
        Strata = strata;
        Clusters = clusters;
        Groups = groups ?? [];
    }

    /// <summary>Where the data came from (a file name), for messages and reports.</summary>
    public string Source { get; }

    /// <summary>The rating scale and its helpful and creepy ranges.</summary>
    public RatingScale Scale { get; }

    /// <summary>Scenario identifiers, in order of first appearance in the file.</summary>
    public IReadOnlyList<string> Scenarios => _scenarios;

    /// <summary>Respondent identifiers, in order of first appearance in the file.</summary>
    public IReadOnlyList<string> RespondentIds => _respondentIds;

    /// <summary>Number of respondents.</summary>
    public int RespondentCount => _respondentIds.Length;

    /// <summary>Number of scenarios.</summary>
    public int ScenarioCount => _scenarios.Length;

    /// <summary>The respondent × scenario rating matrix, row-major; <see cref="Missing"/> where not answered.</summary>
    public ReadOnlySpan<sbyte> Ratings => _ratings;

    /// <summary>Each respondent's country, when the file has one.</summary>
    public CodedColumn? Country { get; }

    /// <summary>Design weights, one per respondent, or null when the data are unweighted.</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>True when design weights were loaded.</summary>
    public bool IsWeighted => _weights is not null;

    /// <summary>Strata, when a strata column was named.</summary>
    public CodedColumn? Strata { get; }

    /// <summary>Clusters (primary sampling units), when a cluster column was named; otherwise each respondent is one.</summary>
    public CodedColumn? Clusters { get; }

    /// <summary>Further respondent-level columns loaded for grouping.</summary>
    public IReadOnlyList<CodedColumn> Groups { get; }

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

    /// <summary>The sampling design these data were loaded with: weights, strata and clusters when present.</summary>
    public SurveyDesign Design(LonelyPsu lonelyPsu = LonelyPsu.Fail) =>
        SurveyDesign.Create(
            RespondentCount,
            _weights,
            Strata is null ? null : Strata.Codes.ToArray(),
            Clusters is null ? null : Clusters.Codes.ToArray(),
            lonelyPsu,
            Strata is null ? null : Strata.Levels);

    private static void CheckLength(CodedColumn? column, int n, string name)
    {
        if (column is not null && column.Codes.Length != n)
        {
            throw new ArgumentException("one value per respondent is required", name);
        }
    }
}
