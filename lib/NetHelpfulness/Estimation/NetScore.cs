using System.Buffers;
using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation;

/// <summary>
/// The net helpfulness score, % helpful − % creepy, with neutral answers in the denominator only,
/// and its confidence intervals.
/// </summary>
/// <remarks>
/// Scores are given per respondent as +1 (helpful), 0 (neutral), −1 (creepy) or <see cref="SurveyResponses.Missing"/>;
/// the net score is then the (weighted) mean of the scores over respondents who answered. This is the
/// "net promoter"-type statistic of Rocks (2016), "Interval estimation for the net promoter score",
/// The American Statistician 70(4):365–372.
/// </remarks>
public static partial class NetScore
{
    /// <summary>The textbook (Wald) interval, unweighted.</summary>
    /// <remarks>
    /// net = p_h − p_c; SE = √((p_h + p_c − net²)/n); CI = net ± z·SE (Rocks 2016, eq. 2).
    /// The interval is not truncated to [−1, 1].
    /// </remarks>
    /// <exception cref="InsufficientDataException">Nobody answered.</exception>
    public static NetScoreEstimate Wald(ReadOnlySpan<sbyte> scores, double level = 0.95)
    {
        ConfidenceInterval.CheckLevel(level);
        var counts = ScoreCounts.Count(scores);
        if (counts.N == 0)
        {
            throw new InsufficientDataException("nobody answered, so the net score is undefined");
        }

        double n = counts.N;
        var helpful = counts.Helpful / n;
        var creepy = counts.Creepy / n;
        var neutral = counts.Neutral / n;
        var net = helpful - creepy;
        var se = Math.Sqrt(Math.Max(0, helpful + creepy - (net * net)) / n);
        return new NetScoreEstimate(counts.N, helpful, neutral, creepy, net, se,
            ConfidenceInterval.Normal(net, se, level), 1.0, counts.N, IntervalMethod.Wald);
    }

    /// <summary>The design-based interval by Taylor linearisation, with weights, strata and clusters.</summary>
    /// <remarks>
    /// net = Σ w_i s_i / Σ w_i over respondents who answered; its SE is that of a domain mean
    /// (see <see cref="SurveyDesign.DomainMean"/>; Lumley 2010, §2.2, §2.4). Equals R
    /// <c>svymean(~s, svydesign(ids = ~cluster, strata = ~strata, weights = ~weight), na.rm = TRUE)</c>.
    /// Shares are weighted; the design effect is Kish's (1965) n·Σw²/(Σw)².
    /// </remarks>
    /// <exception cref="InsufficientDataException">Nobody answered.</exception>
    public static NetScoreEstimate Linearized(ReadOnlySpan<sbyte> scores, SurveyDesign design, double level = 0.95)
    {
        ConfidenceInterval.CheckLevel(level);
        return Summarize(Estimate(scores, design), scores, level);
    }

    /// <summary>The linearized net-score result of a net-score estimate: its weighted shares helpful, neutral and creepy beside it.</summary>
    internal static NetScoreEstimate Summarize(DesignEstimate net, ReadOnlySpan<sbyte> scores, double level)
    {
        var weights = net.Design.Weights;
        CompensatedSum helpful = default, creepy = default;
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] == 1)
            {
                helpful.Add(weights[i]);
            }
            else if (scores[i] == -1)
            {
                creepy.Add(weights[i]);
            }
        }

        var pHelpful = helpful.Value / net.WeightSum;
        var pCreepy = creepy.Value / net.WeightSum;
        var pNeutral = Math.Max(0, 1 - pHelpful - pCreepy);
        return new NetScoreEstimate(net.N, pHelpful, pNeutral, pCreepy, net.Estimate, net.StandardError,
            net.Interval(level), net.DesignEffect, net.EffectiveN, IntervalMethod.Linearized);
    }

    /// <summary>The net score as a design estimate: the domain mean of the scores over the respondents who answered, with its influence values.</summary>
    /// <param name="scores">+1 helpful, 0 neutral, −1 creepy or <see cref="SurveyResponses.Missing"/>, one per respondent of the design.</param>
    /// <param name="design">The design.</param>
    /// <param name="name">A name for messages and tables (for example the scenario).</param>
    /// <remarks>Combine such estimates with <see cref="DesignEstimates"/> (contrasts, differences, ratios) or
    /// <see cref="SurveyDesign.Covariance"/>; R's equivalent is <c>svymean(~s, design, na.rm = TRUE, influence = TRUE)</c>.</remarks>
    /// <exception cref="InsufficientDataException">Nobody answered.</exception>
    /// <exception cref="ArgumentException">The scores do not have one value per respondent, or a score is not −1, 0, +1 or Missing.</exception>
    public static DesignEstimate Estimate(ReadOnlySpan<sbyte> scores, SurveyDesign design, string name = "")
    {
        ArgumentNullException.ThrowIfNull(design);
        if (scores.Length != design.RespondentCount)
        {
            throw new ArgumentException("scores need one value per respondent of the design", nameof(scores));
        }

        // The scores as values and domain are needed only while the mean and its influence values are computed: they
        // come from the shared pool, so that scoring every scenario of a large file makes no garbage of 9 bytes per
        // respondent per scenario (issue 17: time linear to 10^8 ratings).
        var values = ArrayPool<double>.Shared.Rent(scores.Length);
        var answered = ArrayPool<bool>.Shared.Rent(scores.Length);
        try
        {
            var valueSpan = values.AsSpan(0, scores.Length);
            var answeredSpan = answered.AsSpan(0, scores.Length);
            ScoreDomain.Fill(scores, valueSpan, answeredSpan);
            return answeredSpan.Contains(true)
                ? design.DomainMean(valueSpan, answeredSpan, name)
                : throw new InsufficientDataException("nobody answered, so the net score is undefined");
        }
        finally
        {
            ArrayPool<double>.Shared.Return(values);
            ArrayPool<bool>.Shared.Return(answered);
        }
    }

    /// <summary>Scores every scenario of a survey with one method, under the design the survey was read with.</summary>
    /// <exception cref="ArgumentException">The method does not apply (for instance <see cref="IntervalMethod.Wald"/> on weighted data).</exception>
    public static IReadOnlyList<ScenarioScore> ForEachScenario(SurveyResponses survey, IntervalMethod method, double level = 0.95, LonelyPsu lonelyPsu = LonelyPsu.Fail)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return ForEachScenario(survey, survey.Design(lonelyPsu), method, level);
    }

    /// <summary>Scores every scenario of a survey with one method on a design built from it.</summary>
    /// <param name="survey">The survey.</param>
    /// <param name="design">A design over the survey's respondents (<see cref="SurveyResponses.Design(DesignSpec)"/>).</param>
    /// <param name="method">The interval method (see <see cref="IntervalMethods"/>).</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="bootstrap">Replicates and seed for the bootstrap methods (default: <see cref="BootstrapOptions"/>' defaults).</param>
    /// <exception cref="ArgumentException">The method does not apply (for instance <see cref="IntervalMethod.Wald"/> on a weighted design), or the design is not over the survey's respondents.</exception>
    /// <exception cref="InsufficientDataException">A scenario nobody answered.</exception>
    public static IReadOnlyList<ScenarioScore> ForEachScenario(SurveyResponses survey, SurveyDesign design, IntervalMethod method, double level = 0.95, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(design);
        IntervalMethods.Require(method, EstimateTarget.NetScore, design);
        RequireRespondents(survey, design);
        var info = IntervalMethods.Of(method);
        if (info.IsBootstrap)
        {
            return BootstrapEachScenario(survey, design, method, bootstrap ?? new BootstrapOptions(), level);
        }

        var results = new List<ScenarioScore>(survey.ScenarioCount);
        for (var j = 0; j < survey.ScenarioCount; j++)
        {
            try
            {
                results.Add(new ScenarioScore(survey.Scenarios[j], info.Compute(survey.Scores(j), design, level, bootstrap)));
            }
            catch (InsufficientDataException e)
            {
                throw new InsufficientDataException($"scenario '{survey.Scenarios[j]}' in {survey.Source}: {e.Message}");
            }
        }

        return results;
    }

    /// <summary>Every scenario's net score as a design estimate named by its scenario, to combine with <see cref="DesignEstimates"/>.</summary>
    /// <exception cref="InsufficientDataException">A scenario nobody answered.</exception>
    public static IReadOnlyList<DesignEstimate> Estimates(SurveyResponses survey, SurveyDesign design)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(design);
        RequireRespondents(survey, design);
        return [.. survey.Scenarios.Select((scenario, j) =>
        {
            try
            {
                return Estimate(survey.Scores(j), design, scenario);
            }
            catch (InsufficientDataException e)
            {
                throw new InsufficientDataException($"scenario '{scenario}' in {survey.Source}: {e.Message}");
            }
        })];
    }

    internal static void RequireRespondents(SurveyResponses survey, SurveyDesign design)
    {
        if (design.RespondentCount != survey.RespondentCount)
        {
            throw new ArgumentException($"the design has {design.RespondentCount} respondents, the survey {survey.RespondentCount}: build it from the survey ({nameof(SurveyResponses)}.{nameof(SurveyResponses.Design)})", nameof(design));
        }
    }
}

/// <summary>Counts of helpful, neutral and creepy answers among scores.</summary>
internal readonly record struct ScoreCounts(int Helpful, int Neutral, int Creepy)
{
    public int N => Helpful + Neutral + Creepy;

    public static ScoreCounts Count(ReadOnlySpan<sbyte> scores)
    {
        int h = 0, z = 0, c = 0;
        foreach (var s in scores)
        {
            switch (s)
            {
                case 1: h++; break;
                case 0: z++; break;
                case -1: c++; break;
                case SurveyResponses.Missing: break;
                default: Check(s); break;
            }
        }

        return new ScoreCounts(h, z, c);
    }

    public static void Check(sbyte s)
    {
        if (s is < -1 or > 1)
        {
            throw new ArgumentException($"a score must be -1, 0, +1 or Missing; got {s}");
        }
    }
}

/// <summary>The one step from per-respondent scores (or differences of scores) to a domain: the values, and who answered.</summary>
internal static class ScoreDomain
{
    /// <param name="scores">One value per respondent, <see cref="SurveyResponses.Missing"/> outside the domain.</param>
    /// <param name="checkScores">Refuse values other than −1, 0, +1 (off for differences of scores, which are checked where they are made).</param>
    /// <exception cref="ArgumentException">A score is not −1, 0, +1 or Missing.</exception>
    public static (double[] Values, bool[] Answered) Of(ReadOnlySpan<sbyte> scores, bool checkScores = true)
    {
        var values = new double[scores.Length];
        var answered = new bool[scores.Length];
        Fill(scores, values, answered, checkScores);
        return (values, answered);
    }

    /// <summary>As <see cref="Of"/>, into the caller's spans (of the scores' length; every element is written).</summary>
    public static void Fill(ReadOnlySpan<sbyte> scores, Span<double> values, Span<bool> answered, bool checkScores = true)
    {
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            if (s == SurveyResponses.Missing)
            {
                answered[i] = false;
                values[i] = 0;
                continue;
            }

            if (checkScores)
            {
                ScoreCounts.Check(s);
            }

            answered[i] = true;
            values[i] = s;
        }
    }

    /// <summary>The indicator 1{from ≤ r ≤ to} of each respondent who answered, and who answered.</summary>
    public static (double[] Values, bool[] Answered) InRange(ReadOnlySpan<sbyte> ratings, int from, int to)
    {
        var values = new double[ratings.Length];
        var answered = new bool[ratings.Length];
        for (var i = 0; i < ratings.Length; i++)
        {
            var r = ratings[i];
            if (r == SurveyResponses.Missing)
            {
                continue;
            }

            answered[i] = true;
            values[i] = r >= from && r <= to ? 1 : 0;
        }

        return (values, answered);
    }
}
