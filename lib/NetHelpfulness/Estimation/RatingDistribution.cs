using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation;

/// <summary>A (weighted) share of respondents whose rating lies in a range of scale points, with its interval.</summary>
/// <param name="From">First rating of the range.</param>
/// <param name="To">Last rating of the range.</param>
/// <param name="Share">Weighted share among respondents who answered, in [0, 1].</param>
/// <param name="StandardError">Design-based (Taylor-linearised) standard error.</param>
/// <param name="Interval">Normal-theory confidence interval, share ± z·SE (not truncated to [0, 1]).</param>
public sealed record ShareEstimate(int From, int To, double Share, double StandardError, ConfidenceInterval Interval);

/// <summary>The distribution of ratings over every point of the scale, for one scenario.</summary>
/// <param name="Scale">The rating scale.</param>
/// <param name="N">Respondents who answered.</param>
/// <param name="WeightSum">Sum of their weights (N when unweighted).</param>
/// <param name="Points">One share per scale point, from <see cref="RatingScale.Minimum"/> to <see cref="RatingScale.Maximum"/>.</param>
public sealed record RatingDistributionEstimate(RatingScale Scale, int N, double WeightSum, IReadOnlyList<ShareEstimate> Points)
{
    /// <summary>The share of one scale point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rating is not a point of the scale.</exception>
    public ShareEstimate Point(int rating) =>
        Scale.Contains(rating)
            ? Points[rating - Scale.Minimum]
            : throw new ArgumentOutOfRangeException(nameof(rating), rating, $"not a point of the scale {Scale}");
}

/// <summary>The rating distribution of one named scenario.</summary>
/// <param name="Scenario">The scenario's identifier.</param>
/// <param name="Distribution">Its distribution.</param>
public sealed record ScenarioRatingDistribution(string Scenario, RatingDistributionEstimate Distribution);

/// <summary>
/// Weighted shares of scale points (for instance "very creepy" … "very helpful") among respondents who answered,
/// with design-based standard errors.
/// </summary>
/// <remarks>
/// The share of ratings in [a, b] is the weighted mean of the indicator 1{a ≤ r_i ≤ b} over respondents who answered:
/// p = Σ w_i·1{a ≤ r_i ≤ b} / Σ w_i. Its standard error is that of a domain mean under the design (Taylor linearisation,
/// Lumley 2010, §2.2, §2.4; see <see cref="SurveyDesign.Mean"/>), so it equals R
/// <c>svymean(~factor(rating), design, na.rm = TRUE)</c> for single points and
/// <c>svymean(~I(rating &gt;= a &amp; rating &lt;= b), design, na.rm = TRUE)</c> for ranges.
/// The shares of all points sum to 1.
/// </remarks>
public static class RatingDistribution
{
    /// <summary>The share of ratings in [<paramref name="from"/>, <paramref name="to"/>] among respondents who answered.</summary>
    /// <param name="ratings">One rating per respondent of the design, or <see cref="SurveyResponses.Missing"/>.</param>
    /// <param name="from">First rating of the range.</param>
    /// <param name="to">Last rating of the range (≥ <paramref name="from"/>).</param>
    /// <param name="design">The survey design.</param>
    /// <param name="level">Confidence level.</param>
    /// <exception cref="InsufficientDataException">Nobody answered.</exception>
    public static ShareEstimate Share(ReadOnlySpan<sbyte> ratings, int from, int to, SurveyDesign design, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(design);
        ConfidenceInterval.CheckLevel(level);
        CheckShape(ratings, design);
        if (from > to)
        {
            throw new ArgumentException($"the range {from}-{to} is empty", nameof(to));
        }

        var share = ShareOf(ratings, from, to, design);
        return new ShareEstimate(from, to, share.Estimate, share.StandardError, share.Interval(level));
    }

    /// <summary>The share of ratings in [<paramref name="from"/>, <paramref name="to"/>] as a design estimate (a domain mean of the indicator), to combine with others.</summary>
    /// <exception cref="InsufficientDataException">Nobody answered.</exception>
    public static DesignEstimate ShareOf(ReadOnlySpan<sbyte> ratings, int from, int to, SurveyDesign design, string name = "")
    {
        ArgumentNullException.ThrowIfNull(design);
        CheckShape(ratings, design);
        var (values, answered) = ScoreDomain.InRange(ratings, from, to);
        return answered.Contains(true)
            ? design.DomainMean(values, answered, name)
            : throw new InsufficientDataException("nobody answered, so the share is undefined");
    }

    /// <summary>The share of every point of the scale among respondents who answered.</summary>
    /// <exception cref="InsufficientDataException">Nobody answered.</exception>
    /// <exception cref="ArgumentException">A rating lies outside the scale.</exception>
    public static RatingDistributionEstimate Estimate(ReadOnlySpan<sbyte> ratings, RatingScale scale, SurveyDesign design, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(design);
        ConfidenceInterval.CheckLevel(level);
        CheckShape(ratings, design);
        var n = 0;
        var weightSum = new CompensatedSum();
        var weights = design.Weights;
        for (var i = 0; i < ratings.Length; i++)
        {
            var r = ratings[i];
            if (r == SurveyResponses.Missing)
            {
                continue;
            }

            if (!scale.Contains(r))
            {
                throw new ArgumentException($"rating {r} of respondent {i} lies outside the scale {scale}", nameof(ratings));
            }

            n++;
            weightSum.Add(weights[i]);
        }

        if (n == 0)
        {
            throw new InsufficientDataException("nobody answered, so the distribution is undefined");
        }

        var points = new ShareEstimate[scale.Maximum - scale.Minimum + 1];
        for (var k = scale.Minimum; k <= scale.Maximum; k++)
        {
            points[k - scale.Minimum] = Share(ratings, k, k, design, level);
        }

        return new RatingDistributionEstimate(scale, n, weightSum.Value, points);
    }

    /// <summary>The distribution of every scenario of a survey, under the design it was loaded with.</summary>
    /// <exception cref="InsufficientDataException">Nobody answered some scenario.</exception>
    public static IReadOnlyList<ScenarioRatingDistribution> ForEachScenario(SurveyResponses survey, double level = 0.95, LonelyPsu lonelyPsu = LonelyPsu.Fail)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return ForEachScenario(survey, survey.Design(lonelyPsu), level);
    }

    /// <summary>The distribution of every scenario of a survey on a design built from it.</summary>
    /// <exception cref="InsufficientDataException">Nobody answered some scenario.</exception>
    public static IReadOnlyList<ScenarioRatingDistribution> ForEachScenario(SurveyResponses survey, SurveyDesign design, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(design);
        NetScore.RequireRespondents(survey, design);
        var results = new List<ScenarioRatingDistribution>(survey.ScenarioCount);
        for (var j = 0; j < survey.ScenarioCount; j++)
        {
            try
            {
                results.Add(new ScenarioRatingDistribution(survey.Scenarios[j], Estimate(RatingsOf(survey, j), survey.Scale, design, level)));
            }
            catch (InsufficientDataException e)
            {
                throw new InsufficientDataException($"scenario '{survey.Scenarios[j]}' in {survey.Source}: {e.Message}");
            }
        }

        return results;
    }

    /// <summary>One scenario's ratings, one per respondent (<see cref="SurveyResponses.Missing"/> where not answered).</summary>
    public static sbyte[] RatingsOf(SurveyResponses survey, int scenario)
    {
        ArgumentNullException.ThrowIfNull(survey);
        if ((uint)scenario >= (uint)survey.ScenarioCount)
        {
            throw new ArgumentOutOfRangeException(nameof(scenario));
        }

        var ratings = new sbyte[survey.RespondentCount];
        for (var i = 0; i < ratings.Length; i++)
        {
            ratings[i] = survey.Rating(i, scenario);
        }

        return ratings;
    }

    private static void CheckShape(ReadOnlySpan<sbyte> ratings, SurveyDesign design)
    {
        if (ratings.Length != design.RespondentCount)
        {
            throw new ArgumentException("ratings need one value per respondent of the design", nameof(ratings));
        }
    }
}
