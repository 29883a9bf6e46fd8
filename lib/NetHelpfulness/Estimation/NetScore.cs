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

        var (values, answered) = ScoreDomain.Of(scores);
        return answered.Contains(true)
            ? design.DomainMean(values, answered, name)
            : throw new InsufficientDataException("nobody answered, so the net score is undefined");
    }

    /// <summary>Scores every scenario of a survey with one method.</summary>
    /// <exception cref="ArgumentException"><see cref="IntervalMethod.Wald"/> was asked of weighted data.</exception>
    public static IReadOnlyList<ScenarioScore> ForEachScenario(SurveyResponses survey, IntervalMethod method, double level = 0.95, LonelyPsu lonelyPsu = LonelyPsu.Fail)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if (method is IntervalMethod.BootstrapPercentile or IntervalMethod.BootstrapBca)
        {
            return BootstrapEachScenario(survey, method, new BootstrapOptions(), level, lonelyPsu);
        }

        var design = method == IntervalMethod.Linearized || (IsClosedForm(method) && HasDesign(survey)) ? survey.Design(lonelyPsu) : null;
        if (method == IntervalMethod.Wald && survey.IsWeighted)
        {
            throw new ArgumentException("the Wald interval is unweighted; load the data without weights or use the linearized method", nameof(method));
        }

        var results = new List<ScenarioScore>(survey.ScenarioCount);
        for (var j = 0; j < survey.ScenarioCount; j++)
        {
            var scores = survey.Scores(j);
            try
            {
                var estimate = method switch
                {
                    IntervalMethod.Wald => Wald(scores, level),
                    IntervalMethod.Linearized => Linearized(scores, design!, level),
                    IntervalMethod.AdjustedWald => design is null ? AdjustedWald(scores, level) : AdjustedWald(scores, design, level),
                    IntervalMethod.Tango => design is null ? Tango(scores, level) : Tango(scores, design, level),
                    _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown interval method"),
                };
                results.Add(new ScenarioScore(survey.Scenarios[j], estimate));
            }
            catch (InsufficientDataException e)
            {
                throw new InsufficientDataException($"scenario '{survey.Scenarios[j]}' in {survey.Source}: {e.Message}");
            }
        }

        return results;
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
        for (var i = 0; i < scores.Length; i++)
        {
            var s = scores[i];
            if (s == SurveyResponses.Missing)
            {
                continue;
            }

            if (checkScores)
            {
                ScoreCounts.Check(s);
            }

            answered[i] = true;
            values[i] = s;
        }

        return (values, answered);
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
