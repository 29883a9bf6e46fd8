using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation;

public static partial class NetScore
{
    /// <summary>The bootstrap interval of one scenario's net score: percentile or BCa.</summary>
    /// <remarks>
    /// PSUs (respondents when there are no clusters) are resampled with replacement within strata, n_h per stratum, and
    /// the weighted net score is recomputed in each replicate (see <see cref="Estimation.Bootstrap"/>). The standard
    /// error is the replicates' standard deviation; the interval is boot's percentile or BCa interval (Efron 1987; see
    /// <see cref="BootstrapIntervals"/>). The point estimate, the weighted shares and Kish's design effect are those of
    /// <see cref="Linearized"/>.
    /// </remarks>
    /// <param name="scores">Per-respondent scores +1/0/−1, or <see cref="SurveyResponses.Missing"/>.</param>
    /// <param name="design">The sampling design.</param>
    /// <param name="method"><see cref="IntervalMethod.BootstrapPercentile"/> or <see cref="IntervalMethod.BootstrapBca"/>.</param>
    /// <param name="options">Replicates, seed and threads.</param>
    /// <param name="level">Confidence level.</param>
    /// <exception cref="InsufficientDataException">Nobody answered, or too few to bootstrap.</exception>
    public static NetScoreEstimate Bootstrap(ReadOnlySpan<sbyte> scores, SurveyDesign design, IntervalMethod method, BootstrapOptions options, double level = 0.95)
    {
        CheckBootstrapMethod(method);
        var point = Linearized(scores, design, level);
        var replicates = Estimation.Bootstrap.Replicate(scores, 1, design, options, ["net score"]);
        return WithBootstrap(point, replicates.Summarize(0, method, level));
    }

    /// <summary>Bootstraps every scenario of a survey at once: one set of resampled PSUs per replicate for all scenarios.</summary>
    /// <param name="survey">The survey.</param>
    /// <param name="method"><see cref="IntervalMethod.BootstrapPercentile"/> or <see cref="IntervalMethod.BootstrapBca"/>.</param>
    /// <param name="options">Replicates, seed and threads.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="lonelyPsu">The design's rule for single-PSU strata (the bootstrap itself treats them as certainty units).</param>
    /// <exception cref="InsufficientDataException">A scenario nobody answered, or too few to bootstrap.</exception>
    public static IReadOnlyList<ScenarioScore> BootstrapEachScenario(SurveyResponses survey, IntervalMethod method, BootstrapOptions options, double level = 0.95, LonelyPsu lonelyPsu = LonelyPsu.Fail)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return BootstrapEachScenario(survey, survey.Design(lonelyPsu), method, options, level);
    }

    /// <summary>Bootstraps every scenario of a survey at once on a design built from it.</summary>
    /// <exception cref="InsufficientDataException">A scenario nobody answered, or too few to bootstrap.</exception>
    public static IReadOnlyList<ScenarioScore> BootstrapEachScenario(SurveyResponses survey, SurveyDesign design, IntervalMethod method, BootstrapOptions options, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(options);
        CheckBootstrapMethod(method);
        ConfidenceInterval.CheckLevel(level);
        var points = ForEachScenario(survey, design, IntervalMethod.Linearized, level);
        var replicates = Estimation.Bootstrap.Replicate(ScoreMatrix(survey), survey.ScenarioCount, design, options,
            [.. survey.Scenarios.Select(s => $"scenario '{s}' in {survey.Source}")]);
        return [.. points.Select((p, j) => p with { Score = WithBootstrap(p.Score, replicates.Summarize(j, method, level)) })];
    }

    /// <summary>The respondent × scenario score matrix (+1/0/−1 or <see cref="SurveyResponses.Missing"/>), row-major.</summary>
    internal static sbyte[] ScoreMatrix(SurveyResponses survey)
    {
        var ratings = survey.Ratings;
        var scores = new sbyte[ratings.Length];
        for (var k = 0; k < scores.Length; k++)
        {
            scores[k] = ratings[k] == SurveyResponses.Missing ? SurveyResponses.Missing : survey.Scale.Score(ratings[k]);
        }

        return scores;
    }

    internal static void CheckBootstrapMethod(IntervalMethod method)
    {
        if (method is not (IntervalMethod.BootstrapPercentile or IntervalMethod.BootstrapBca))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "expected BootstrapPercentile or BootstrapBca");
        }
    }

    private static NetScoreEstimate WithBootstrap(NetScoreEstimate point, BootstrapEstimate bootstrap) =>
        point with { StandardError = bootstrap.StandardError, Interval = bootstrap.Interval, Method = bootstrap.Method };
}
