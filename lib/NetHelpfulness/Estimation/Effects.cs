using System.Globalization;
using NetHelpfulness.Data;

namespace NetHelpfulness.Estimation;

/// <summary>What an effect compares.</summary>
public enum EffectKind
{
    /// <summary>The relationship effect: the mean of the matched contrasts (established minus no relationship, same tracking).</summary>
    Relationship,

    /// <summary>One matched contrast: established minus no relationship, for one tracking type.</summary>
    MatchedContrast,

    /// <summary>The tracking effect: relationship-only scenarios minus established scenarios with deep tracking.</summary>
    Tracking,

    /// <summary>The tracking effect of one tracking type: relationship-only minus established with that tracking.</summary>
    TrackingByType,
}

/// <summary>One comparison inside an effect: mean score over the answered <paramref name="Positive"/> scenarios minus that over the answered <paramref name="Negative"/> ones.</summary>
/// <param name="Positive">Scenarios of the first side.</param>
/// <param name="Negative">Scenarios of the second side.</param>
public sealed record ContrastPair(IReadOnlyList<string> Positive, IReadOnlyList<string> Negative);

/// <summary>An effect: a name, its kind, and the contrast pairs whose per-respondent mean it is.</summary>
/// <param name="Name">For example <c>relationship</c>, <c>relationship:geo_tracking</c>, <c>tracking</c>, <c>tracking:device_listening</c>.</param>
/// <param name="Kind">What it compares.</param>
/// <param name="Description">A sentence for tables.</param>
/// <param name="Pairs">The contrast pairs.</param>
public sealed record EffectDefinition(string Name, EffectKind Kind, string Description, IReadOnlyList<ContrastPair> Pairs)
{
    /// <summary>A short label for figures and tables: what is contrasted, with the tracking type in words.</summary>
    public string ShortLabel
    {
        get
        {
            var colon = Name.IndexOf(':', StringComparison.Ordinal);
            var tracking = colon < 0 ? "" : Name[(colon + 1)..].Replace('_', ' ').Replace("third party", "third-party", StringComparison.Ordinal);
            return Kind switch
            {
                EffectKind.Relationship => "Relationship effect (all matched pairs)",
                EffectKind.MatchedContrast => $"Relationship, both with {tracking}",
                EffectKind.Tracking => "Tracking effect (any deep tracking)",
                _ => $"No tracking vs {tracking}",
            };
        }
    }

    /// <summary>The family an effect belongs to in figures: <c>relationship</c> or <c>tracking</c>.</summary>
    public string Family => Kind is EffectKind.Relationship or EffectKind.MatchedContrast ? "relationship" : "tracking";
}

/// <summary>Cohen's h for two shares, with its delta-method standard error and interval.</summary>
/// <param name="First">The first side's (weighted) share.</param>
/// <param name="Second">The second side's share.</param>
/// <param name="Estimate">h = 2·asin√First − 2·asin√Second.</param>
/// <param name="StandardError">Delta-method, design-based standard error.</param>
/// <param name="Interval">h ± z·SE.</param>
public sealed record CohensH(double First, double Second, double Estimate, double StandardError, ConfidenceInterval Interval) : IEstimateResult
{
    /// <summary>Respondents in the effect.</summary>
    public int N { get; init; }

    /// <summary>Kish's effective sample size of those respondents.</summary>
    public double EffectiveN { get; init; }

    /// <inheritdoc />
    public EstimateSummary Summary => new(Estimate, StandardError, Interval, IntervalMethods.NameOf(IntervalMethod.Linearized), N, EffectiveN);
}

/// <summary>An effect's estimate and effect sizes.</summary>
/// <param name="Effect">The effect.</param>
/// <param name="Difference">Difference in net score (first side minus second, on the [−2, 2] scale), linearized interval.</param>
/// <param name="Helpful">Cohen's h on the share rating the scenarios helpful.</param>
/// <param name="Creepy">Cohen's h on the share rating them creepy.</param>
/// <param name="Dz">Cohen's d_z of the per-respondent contrast (mean / standard deviation), or null when the contrast does not vary.</param>
public sealed record ContrastEffect(EffectDefinition Effect, DifferenceEstimate Difference, CohensH Helpful, CohensH Creepy, double? Dz);

/// <summary>
/// Relationship and tracking effects from the scenario catalogue, each computed per respondent so that the pairing of
/// a respondent's own ratings is used.
/// </summary>
/// <remarks>
/// <para><b>Definitions.</b> A <i>matched contrast</i> for tracking type t: the scenarios with an established relationship
/// and tracking t, minus those with no relationship and tracking t. The <i>relationship effect</i> is the mean of the
/// matched contrasts. The <i>tracking effect</i>: the relationship-only scenarios (established, tracking none) minus the
/// established scenarios with deep tracking (any tracking but none); and the same for each tracking type separately.</para>
/// <para><b>Per respondent.</b> For a contrast pair, a side's value is the mean score (+1/0/−1) over the side's
/// scenarios that the respondent answered; the pair is usable for the respondent when both sides have at least one
/// answered scenario, and its value is the difference of the sides. The respondent's effect value D_i is the mean over
/// the usable pairs; a respondent with no usable pair is left out of the effect (a domain: he still counts in his
/// stratum). The helpful and creepy shares of a side are the fractions of its answered scenarios rated helpful or
/// creepy, averaged over the usable pairs the same way, so that D_i = (h₁ − c₁) − (h₂ − c₂) for every respondent.</para>
/// <para><b>Difference in net points</b>: the design-based mean of D with its linearized interval (Lumley 2010, §2.2),
/// as R <c>svymean(~D, design, na.rm = TRUE)</c>.</para>
/// <para><b>Cohen's h</b> (Cohen 1988, §6.2): h = 2·asin√p₁ − 2·asin√p₂, with p₁, p₂ the design-based means of the
/// first and second sides' shares over the same respondents. Its SE is the delta method: the influence values of h are
/// z_p₁/√(p₁(1 − p₁)) − z_p₂/√(p₂(1 − p₂)), so the pairing's covariance is kept; as R
/// <c>svycontrast(svymean(~p1 + p2, design, na.rm = TRUE), quote(2*asin(sqrt(p1)) - 2*asin(sqrt(p2))))</c>.
/// Undefined (an error) when a share is 0 or 1.</para>
/// <para><b>d_z</b> (Cohen 1988, §2.3): D̄ / s_D with D̄ the weighted mean and s_D² = Σ w (D − D̄)² / Σ w · n/(n − 1)
/// over the n respondents in the effect (the ordinary sample standard deviation when unweighted). No interval.</para>
/// </remarks>
public static class Effects
{
    /// <summary>The catalogue's spelling of a tracking type (<c>none</c>, <c>third_party_cookies</c>, ...).</summary>
    public static string TrackingName(Tracking tracking) => tracking switch
    {
        Tracking.None => "none",
        Tracking.ThirdPartyCookies => "third_party_cookies",
        Tracking.GeoTracking => "geo_tracking",
        Tracking.DeviceListening => "device_listening",
        _ => throw new ArgumentOutOfRangeException(nameof(tracking), tracking, "unknown tracking type"),
    };

    /// <summary>Defines the effects that the catalogue's scenarios present in the survey allow, in a fixed order:
    /// relationship, each matched contrast, tracking, tracking by type.</summary>
    /// <param name="catalogue">The scenario catalogue.</param>
    /// <param name="surveyScenarios">The survey's scenarios; each must be in the catalogue.</param>
    /// <exception cref="ArgumentException">A survey scenario is not in the catalogue.</exception>
    /// <exception cref="InsufficientDataException">No effect can be defined.</exception>
    public static IReadOnlyList<EffectDefinition> Define(ScenarioCatalogue catalogue, IReadOnlyList<string> surveyScenarios)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(surveyScenarios);
        var unknown = surveyScenarios.Where(s => catalogue.Find(s) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"scenarios not in the catalogue: {string.Join(", ", unknown)}", nameof(surveyScenarios));
        }

        var present = catalogue.Scenarios.Where(s => surveyScenarios.Contains(s.Id, StringComparer.Ordinal)).ToList();
        string[] Ids(Func<ScenarioInfo, bool> filter) => [.. present.Where(filter).Select(s => s.Id)];

        var effects = new List<EffectDefinition>();
        var matched = new List<(Tracking Tracking, ContrastPair Pair)>();
        foreach (var tracking in Enum.GetValues<Tracking>())
        {
            var established = Ids(s => s.Relationship == Relationship.Established && s.Tracking == tracking);
            var none = Ids(s => s.Relationship == Relationship.None && s.Tracking == tracking);
            if (established.Length > 0 && none.Length > 0)
            {
                matched.Add((tracking, new ContrastPair(established, none)));
            }
        }

        if (matched.Count > 0)
        {
            effects.Add(new EffectDefinition("relationship", EffectKind.Relationship,
                "established relationship minus none, mean of the matched contrasts", [.. matched.Select(m => m.Pair)]));
            effects.AddRange(matched.Select(m => new EffectDefinition($"relationship:{TrackingName(m.Tracking)}", EffectKind.MatchedContrast,
                $"established relationship minus none, both with tracking {TrackingName(m.Tracking)}", [m.Pair])));
        }

        var relationshipOnly = Ids(s => s.Relationship == Relationship.Established && s.Tracking == Tracking.None);
        var deep = Ids(s => s.Relationship == Relationship.Established && s.UsesDeepTracking);
        if (relationshipOnly.Length > 0 && deep.Length > 0)
        {
            effects.Add(new EffectDefinition("tracking", EffectKind.Tracking,
                "relationship only minus relationship with deep tracking", [new ContrastPair(relationshipOnly, deep)]));
            foreach (var tracking in Enum.GetValues<Tracking>().Where(t => t != Tracking.None))
            {
                var withType = Ids(s => s.Relationship == Relationship.Established && s.Tracking == tracking);
                if (withType.Length > 0)
                {
                    effects.Add(new EffectDefinition($"tracking:{TrackingName(tracking)}", EffectKind.TrackingByType,
                        $"relationship only minus relationship with {TrackingName(tracking)}", [new ContrastPair(relationshipOnly, withType)]));
                }
            }
        }

        return effects.Count > 0
            ? effects
            : throw new InsufficientDataException("the catalogue's scenarios allow no relationship or tracking effect (each needs scenarios on both sides)");
    }

    /// <summary>Estimates every effect the catalogue allows.</summary>
    /// <exception cref="ArgumentException">A survey scenario is not in the catalogue.</exception>
    /// <exception cref="InsufficientDataException">An effect without respondents, or a share of 0 or 1 (Cohen's h's SE is undefined).</exception>
    public static IReadOnlyList<ContrastEffect> EstimateAll(SurveyResponses survey, ScenarioCatalogue catalogue, double level = 0.95, LonelyPsu lonelyPsu = LonelyPsu.Fail)
    {
        ArgumentNullException.ThrowIfNull(survey);
        return EstimateAll(survey, catalogue, survey.Design(lonelyPsu), level);
    }

    /// <summary>Estimates every effect the catalogue allows, on a design built from the survey.</summary>
    /// <exception cref="ArgumentException">A survey scenario is not in the catalogue.</exception>
    /// <exception cref="InsufficientDataException">An effect without respondents, or a share of 0 or 1.</exception>
    public static IReadOnlyList<ContrastEffect> EstimateAll(SurveyResponses survey, ScenarioCatalogue catalogue, SurveyDesign design, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(survey);
        var definitions = Define(catalogue, survey.Scenarios);
        return [.. definitions.Select(d => Estimate(survey, d, design, level))];
    }

    /// <summary>Estimates one effect.</summary>
    /// <exception cref="ArgumentException">A scenario of the effect is not in the survey.</exception>
    /// <exception cref="InsufficientDataException">No respondent has a usable pair, or a share is 0 or 1.</exception>
    public static ContrastEffect Estimate(SurveyResponses survey, EffectDefinition effect, SurveyDesign design, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(effect);
        ArgumentNullException.ThrowIfNull(design);
        ConfidenceInterval.CheckLevel(level);
        if (design.RespondentCount != survey.RespondentCount)
        {
            throw new ArgumentException("the design must have one row per respondent of the survey", nameof(design));
        }

        var scores = NetScore.ScoreMatrix(survey);
        var width = survey.ScenarioCount;
        var pairs = effect.Pairs.Select(p => (Positive: p.Positive.Select(survey.ScenarioIndex).ToArray(), Negative: p.Negative.Select(survey.ScenarioIndex).ToArray())).ToArray();
        var n = survey.RespondentCount;
        var d = new double[n];
        var helpful1 = new double[n];
        var helpful2 = new double[n];
        var creepy1 = new double[n];
        var creepy2 = new double[n];
        var usable = new bool[n];
        for (var i = 0; i < n; i++)
        {
            var row = scores.AsSpan(i * width, width);
            var count = 0;
            double sumD = 0, sumH1 = 0, sumH2 = 0, sumC1 = 0, sumC2 = 0;
            foreach (var (positive, negative) in pairs)
            {
                var a = Side(row, positive);
                var b = Side(row, negative);
                if (a.Answered == 0 || b.Answered == 0)
                {
                    continue;
                }

                count++;
                sumD += a.Mean - b.Mean;
                sumH1 += a.Helpful;
                sumH2 += b.Helpful;
                sumC1 += a.Creepy;
                sumC2 += b.Creepy;
            }

            if (count > 0)
            {
                usable[i] = true;
                d[i] = sumD / count;
                helpful1[i] = sumH1 / count;
                helpful2[i] = sumH2 / count;
                creepy1[i] = sumC1 / count;
                creepy2[i] = sumC2 / count;
            }
        }

        try
        {
            var contrast = design.DomainMean(d, usable, effect.Name);
            var difference = DifferenceEstimate.From(contrast, level);
            var helpful = H(design.DomainMean(helpful1, usable), design.DomainMean(helpful2, usable), level, "helpful");
            var creepy = H(design.DomainMean(creepy1, usable), design.DomainMean(creepy2, usable), level, "creepy");
            return new ContrastEffect(effect, difference, helpful, creepy, Dz(d, usable, design.Weights, contrast));
        }
        catch (InsufficientDataException e)
        {
            throw new InsufficientDataException($"effect '{effect.Name}' in {survey.Source}: {e.Message}");
        }
    }

    private static (int Answered, double Mean, double Helpful, double Creepy) Side(ReadOnlySpan<sbyte> row, int[] scenarios)
    {
        int answered = 0, sum = 0, helpful = 0, creepy = 0;
        foreach (var j in scenarios)
        {
            var s = row[j];
            if (s == SurveyResponses.Missing)
            {
                continue;
            }

            answered++;
            sum += s;
            helpful += s > 0 ? 1 : 0;
            creepy += s < 0 ? 1 : 0;
        }

        return answered == 0 ? default : (answered, (double)sum / answered, (double)helpful / answered, (double)creepy / answered);
    }

    private static CohensH H(DesignEstimate first, DesignEstimate second, double level, string share)
    {
        foreach (var p in new[] { first.Estimate, second.Estimate })
        {
            if (!(p > 0 && p < 1))
            {
                throw new InsufficientDataException(string.Create(CultureInfo.InvariantCulture,
                    $"the {share} share of one side is {p}, so Cohen's h has no delta-method standard error (it needs shares strictly between 0 and 1)"));
            }
        }

        var (p1, p2) = (first.Estimate, second.Estimate);
        var h = DesignEstimates.Function([first, second], (2 * Math.Asin(Math.Sqrt(p1))) - (2 * Math.Asin(Math.Sqrt(p2))),
            [1 / Math.Sqrt(p1 * (1 - p1)), -1 / Math.Sqrt(p2 * (1 - p2))], $"Cohen's h ({share})");
        return new CohensH(p1, p2, h.Estimate, h.StandardError, h.Interval(level)) { N = h.N, EffectiveN = h.EffectiveN };
    }

    private static double? Dz(double[] d, bool[] usable, ReadOnlySpan<double> weights, DesignEstimate contrast)
    {
        if (contrast.N < 2)
        {
            return null;
        }

        var squares = new CompensatedSum();
        for (var i = 0; i < d.Length; i++)
        {
            if (usable[i])
            {
                var deviation = d[i] - contrast.Estimate;
                squares.Add(weights[i] * deviation * deviation);
            }
        }

        var variance = squares.Value / contrast.WeightSum * contrast.N / (contrast.N - 1);
        return variance > 0 ? contrast.Estimate / Math.Sqrt(variance) : null;
    }
}
