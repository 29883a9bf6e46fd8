using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation;

/// <summary>One group's net score for one scenario.</summary>
/// <param name="Group">The group (a level of the grouping column).</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Score">The estimate, over the group's respondents who answered.</param>
public sealed record GroupScore(string Group, string Scenario, NetScoreEstimate Score);

/// <summary>The difference of one group's net score from the reference group's, for one scenario: net(group) − net(reference).</summary>
/// <param name="Group">The group.</param>
/// <param name="Reference">The reference group.</param>
/// <param name="Scenario">The scenario.</param>
/// <param name="Difference">The difference and its uncertainty; N counts the respondents of both groups who answered.</param>
public sealed record GroupDifference(string Group, string Reference, string Scenario, DifferenceEstimate Difference);

/// <summary>Net scores by group, and each group's difference from a reference group.</summary>
/// <param name="Column">The grouping column.</param>
/// <param name="Reference">The reference group.</param>
/// <param name="Groups">The groups in ordinal order of their names.</param>
/// <param name="Scores">Every group × scenario score, group by group.</param>
/// <param name="Differences">Every non-reference group × scenario difference from the reference.</param>
public sealed record GroupComparisonResult(string Column, string Reference, IReadOnlyList<string> Groups, IReadOnlyList<GroupScore> Scores, IReadOnlyList<GroupDifference> Differences);

/// <summary>Net scores of groups of respondents (for example countries) as domains of the whole design, and their differences.</summary>
/// <remarks>
/// <para>Each group's score is a domain mean over the group's respondents who answered: the full design is kept, so
/// respondents outside the group still count in their strata (Lumley 2010, §2.4). Linearized, it equals R
/// <c>svyby(~s, ~group, design, svymean, na.rm = TRUE)</c>.</para>
/// <para>Differences from the reference group: linearized, the influence values of a difference are the difference of
/// the two domains' influence values, so the covariance between groups that share strata or PSUs is accounted for;
/// this equals R <c>svycontrast(svyby(..., covmat = TRUE), contrast)</c>. Wald (unweighted): the two groups are
/// disjoint samples, SE = √(SE_g² + SE_ref²). Bootstrap: the replicates of both groups come from the same resampled
/// PSUs, and the interval is taken from the replicates' differences (BCa with the difference of the jackknife
/// influence values).</para>
/// <para>Groups are ordered by name (ordinal); the default reference is the first.</para>
/// </remarks>
public static class GroupComparison
{
    /// <summary>Scores every scenario in every group and compares each group with the reference.</summary>
    /// <param name="survey">The survey.</param>
    /// <param name="groups">The grouping column (one level per respondent), for example <see cref="SurveyResponses.Country"/>.</param>
    /// <param name="method">The interval method.</param>
    /// <param name="reference">The reference group, or null for the first in ordinal order.</param>
    /// <param name="level">Confidence level.</param>
    /// <param name="lonelyPsu">The design's rule for single-PSU strata.</param>
    /// <param name="bootstrap">Replicates and seed for the bootstrap methods.</param>
    /// <exception cref="ArgumentException">An unknown reference group, a column of the wrong length, Wald on weighted data,
    /// or a method other than Wald, linearized or bootstrap.</exception>
    /// <exception cref="InsufficientDataException">A group in which nobody answered a scenario.</exception>
    public static GroupComparisonResult ByGroup(SurveyResponses survey, CodedColumn groups, IntervalMethod method, string? reference = null, double level = 0.95, LonelyPsu lonelyPsu = LonelyPsu.Fail, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return ByGroup(survey, groups, survey.Design(lonelyPsu), method, reference, level, bootstrap);
    }

    /// <summary>Scores every scenario in every group on a design built from the survey, and compares each group with the reference.</summary>
    /// <exception cref="ArgumentException">An unknown reference group, a column of the wrong length, or a method that does not apply to groups (or Wald on a weighted design).</exception>
    /// <exception cref="InsufficientDataException">A group in which nobody answered a scenario.</exception>
    public static GroupComparisonResult ByGroup(SurveyResponses survey, CodedColumn groups, SurveyDesign design, IntervalMethod method, string? reference = null, double level = 0.95, BootstrapOptions? bootstrap = null)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(design);
        ConfidenceInterval.CheckLevel(level);
        if (groups.Codes.Length != survey.RespondentCount)
        {
            throw new ArgumentException("the grouping column needs one value per respondent", nameof(groups));
        }

        IntervalMethods.Require(method, EstimateTarget.Groups, design);
        NetScore.RequireRespondents(survey, design);

        // Groups that occur, sorted by name; respondents recoded to that order.
        var present = new bool[groups.Levels.Count];
        foreach (var code in groups.Codes)
        {
            present[code] = true;
        }

        var names = groups.Levels.Where((_, code) => present[code]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (names.Length == 0)
        {
            throw new InsufficientDataException($"column '{groups.Name}' has no groups (no respondents)");
        }

        var order = names.Select((name, k) => (name, k)).ToDictionary(x => x.name, x => x.k, StringComparer.Ordinal);
        var groupOf = new int[survey.RespondentCount];
        for (var i = 0; i < groupOf.Length; i++)
        {
            groupOf[i] = order[groups[i]];
        }

        reference ??= names[0];
        if (!order.TryGetValue(reference, out var referenceIndex))
        {
            throw new ArgumentException($"no group '{reference}' in column '{groups.Name}'; it has {string.Join(", ", names)}", nameof(reference));
        }

        var scenarios = survey.Scenarios;
        var scores = new GroupScore[names.Length * scenarios.Count];
        var estimates = new DesignEstimate?[scores.Length];
        for (var j = 0; j < scenarios.Count; j++)
        {
            var all = survey.Scores(j);
            for (var g = 0; g < names.Length; g++)
            {
                var masked = new sbyte[all.Length];
                for (var i = 0; i < all.Length; i++)
                {
                    masked[i] = groupOf[i] == g ? all[i] : SurveyResponses.Missing;
                }

                try
                {
                    var c = (g * scenarios.Count) + j;
                    if (method == IntervalMethod.Wald)
                    {
                        scores[c] = new GroupScore(names[g], scenarios[j], NetScore.Wald(masked, level));
                    }
                    else
                    {
                        estimates[c] = NetScore.Estimate(masked, design, $"{names[g]}:{scenarios[j]}");
                        scores[c] = new GroupScore(names[g], scenarios[j], NetScore.Summarize(estimates[c]!, masked, level));
                    }
                }
                catch (InsufficientDataException e)
                {
                    throw new InsufficientDataException($"group '{names[g]}' of column '{groups.Name}', scenario '{scenarios[j]}' in {survey.Source}: {e.Message}");
                }
            }
        }

        BootstrapReplicates? replicates = null;
        if (method is IntervalMethod.BootstrapPercentile or IntervalMethod.BootstrapBca)
        {
            var columnNames = names.SelectMany(g => scenarios.Select(s => $"group '{g}' of column '{groups.Name}', scenario '{s}' in {survey.Source}")).ToArray();
            replicates = Bootstrap.ReplicateByGroup(NetScore.ScoreMatrix(survey), scenarios.Count, groupOf, names.Length, design, bootstrap ?? new BootstrapOptions(), columnNames);
            for (var c = 0; c < scores.Length; c++)
            {
                var summary = replicates.Summarize(c, method, level);
                scores[c] = scores[c] with { Score = scores[c].Score with { StandardError = summary.StandardError, Interval = summary.Interval, Method = method } };
            }
        }

        var differences = new List<GroupDifference>();
        for (var g = 0; g < names.Length; g++)
        {
            if (g == referenceIndex)
            {
                continue;
            }

            for (var j = 0; j < scenarios.Count; j++)
            {
                var c = (g * scenarios.Count) + j;
                var r = (referenceIndex * scenarios.Count) + j;
                var (own, other) = (scores[c].Score, scores[r].Score);
                var estimate = own.Estimate - other.Estimate;
                var n = own.N + other.N;
                DifferenceEstimate difference;
                if (method == IntervalMethod.Wald)
                {
                    var se = Math.Sqrt((own.StandardError * own.StandardError) + (other.StandardError * other.StandardError));
                    difference = new DifferenceEstimate(n, estimate, se, ConfidenceInterval.Normal(estimate, se, level), method);
                }
                else if (replicates is not null)
                {
                    var summary = replicates.SummarizeDifference(c, r, method, level);
                    difference = new DifferenceEstimate(n, estimate, summary.StandardError, summary.Interval, method);
                }
                else
                {
                    difference = DifferenceEstimate.From(DesignEstimates.Difference(estimates[c]!, estimates[r]!), level);
                }

                differences.Add(new GroupDifference(names[g], reference, scenarios[j], difference));
            }
        }

        return new GroupComparisonResult(groups.Name, reference, names, scores, differences);
    }
}
