
namespace NetHelpfulness.Estimation;

// Closed-form and score intervals for a net score that stay inside [−1, 1]: the adjusted Wald and Tango's score interval.
public static partial class NetScore
{
    private const double PseudoHelpful = 0.75, PseudoCreepy = 0.75, PseudoTotal = 3.0;

    // Bisection stops when the bracket is this narrow: far below the 1e-9 the results are checked to.
    private const double RootTolerance = 1e-15;

    /// <summary>The adjusted Wald interval of Rocks (2016), from counts (a simple random sample).</summary>
    /// <remarks>
    /// <para>Pseudo-counts are added before the Wald interval is formed: ¾ helpful, 1½ neutral and ¾ creepy, so
    /// ñ = n + 3, p̃_h = (x_h + ¾)/ñ, p̃_c = (x_c + ¾)/ñ, ñet = p̃_h − p̃_c, SE = √((p̃_h + p̃_c − ñet²)/ñ) and
    /// CI = ñet ± z·SE, truncated to [−1, 1] (Rocks 2016, "Interval estimation for the net promoter score",
    /// The American Statistician 70(4):365–372).</para>
    /// <para>The interval is centred on the adjusted net ñet; <see cref="NetScoreEstimate.Estimate"/> stays the observed
    /// net p_h − p_c and <see cref="NetScoreEstimate.StandardError"/> is the adjusted SE above. All-helpful, all-creepy
    /// and single-respondent samples give a finite interval of positive width.</para>
    /// </remarks>
    /// <exception cref="InsufficientDataException">Nobody answered.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public static NetScoreEstimate AdjustedWald(ReadOnlySpan<sbyte> scores, double level = 0.95)
    {
        ConfidenceInterval.CheckLevel(level);
        var (counts, helpful, neutral, creepy) = Shares(scores);
        var (se, interval) = AdjustedWaldInterval(helpful, creepy, counts.N, level);
        return new NetScoreEstimate(counts.N, helpful, neutral, creepy, helpful - creepy, se, interval, 1.0, counts.N, IntervalMethod.AdjustedWald);
    }

    /// <summary>The adjusted Wald interval for a survey design: weighted shares and the design's effective sample size.</summary>
    /// <remarks>
    /// <para>The formula of <see cref="AdjustedWald(ReadOnlySpan{sbyte}, double)"/> with the weighted shares p_h, p_c in
    /// place of x/n and the design-based effective sample size n* in place of n (pseudo-counts are added to p·n*):
    /// n* = (p_h + p_c − net²) / SE²_lin, SE_lin the linearised standard error of <see cref="Linearized"/>. This is
    /// n divided by the design effect in Kish's (1965) sense (the ratio of the design variance to the variance of a simple
    /// random sample of the same size), so it accounts for weights, strata and clusters (as the effective sample size of
    /// Korn and Graubard 1998 and of R's <c>svyciprop(method = "beta")</c>, here without a degrees-of-freedom correction).
    /// When SE_lin is 0 (for instance every answer helpful) n* falls back to Kish's weighting-only (Σw)²/Σw².</para>
    /// <para>Shares, net, <see cref="NetScoreEstimate.DesignEffect"/> and <see cref="NetScoreEstimate.EffectiveN"/> are those of
    /// <see cref="Linearized"/> (Kish's weighting effect); <see cref="NetScoreEstimate.StandardError"/> is the adjusted SE.
    /// With an unweighted simple random sample n* = n − 1, not n: use the counts overload there.</para>
    /// </remarks>
    /// <exception cref="InsufficientDataException">Nobody answered.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public static NetScoreEstimate AdjustedWald(ReadOnlySpan<sbyte> scores, SurveyDesign design, double level = 0.95)
    {
        var linearized = Linearized(scores, design, level);
        var (se, interval) = AdjustedWaldInterval(linearized.Helpful, linearized.Creepy, DesignEffectiveSampleSize(linearized), level);
        return linearized with { StandardError = se, Interval = interval, Method = IntervalMethod.AdjustedWald };
    }

    /// <summary>Tango's (1998) score interval, from counts (a simple random sample).</summary>
    /// <remarks>
    /// <para>The net score is a difference of two proportions from one multinomial sample, like the difference of the
    /// discordant cells of a paired 2×2 table: the helpful answers play the cell n₁₂ and the creepy answers n₂₁
    /// (Rocks 2016; the "iterative" method of the NPS R package). With p_h = x_h/n and p_c = x_c/n the score statistic
    /// for a net score Δ is</para>
    /// <para>Z(Δ) = √n (p_h − p_c − Δ) / √(2q̂ + Δ(1 − Δ)),</para>
    /// <para>where q̂ is the maximum-likelihood estimate of the creepy share restricted to p_h − p_c = Δ, the positive root of
    /// 2q² + Bq + C = 0 with B = −p_h − p_c + (2 − p_h + p_c)Δ and C = −p_c Δ(1 − Δ) (Tango 1998, "Equivalence test and
    /// confidence interval for the difference in proportions for the paired-sample design", Statistics in Medicine
    /// 17:891–908). The interval is {Δ : |Z(Δ)| ≤ z}; Z falls from 0 at the estimate, so each limit is found by bisection
    /// (to 1e-15) on [net, 1] and [−1, net]. The upper limit is 1 when every answer is helpful, the lower −1 when every
    /// answer is creepy; the interval always lies in [−1, 1] and contains the estimate.</para>
    /// <para><see cref="NetScoreEstimate.StandardError"/> is the Wald SE √((p_h + p_c − net²)/n), for reference only:
    /// the interval is not estimate ± z·SE.</para>
    /// </remarks>
    /// <exception cref="InsufficientDataException">Nobody answered.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public static NetScoreEstimate Tango(ReadOnlySpan<sbyte> scores, double level = 0.95)
    {
        ConfidenceInterval.CheckLevel(level);
        var (counts, helpful, neutral, creepy) = Shares(scores);
        double n = counts.N;
        var net = helpful - creepy;
        var se = Math.Sqrt(Math.Max(0, helpful + creepy - (net * net)) / n);
        return new NetScoreEstimate(counts.N, helpful, neutral, creepy, net, se, TangoInterval(helpful, creepy, n, level), 1.0, counts.N, IntervalMethod.Tango);
    }

    /// <summary>Tango's score interval for a survey design: weighted shares and the design's effective sample size.</summary>
    /// <remarks>
    /// The score statistic of <see cref="Tango(ReadOnlySpan{sbyte}, double)"/> with the weighted shares p_h, p_c and the
    /// design-based effective sample size n* = (p_h + p_c − net²) / SE²_lin in place of n (Kish's 1965 design effect as a
    /// variance ratio; Korn and Graubard 1998), falling back to Kish's (Σw)²/Σw² when SE_lin is 0. Shares, net, SE,
    /// <see cref="NetScoreEstimate.DesignEffect"/> and <see cref="NetScoreEstimate.EffectiveN"/> are those of
    /// <see cref="Linearized"/>; only the interval differs.
    /// </remarks>
    /// <exception cref="InsufficientDataException">Nobody answered.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public static NetScoreEstimate Tango(ReadOnlySpan<sbyte> scores, SurveyDesign design, double level = 0.95)
    {
        var linearized = Linearized(scores, design, level);
        var interval = TangoInterval(linearized.Helpful, linearized.Creepy, DesignEffectiveSampleSize(linearized), level);
        return linearized with { Interval = interval, Method = IntervalMethod.Tango };
    }

    /// <summary>The adjusted Wald SE and interval from shares and a (possibly effective, non-integer) sample size.</summary>
    internal static (double StandardError, ConfidenceInterval Interval) AdjustedWaldInterval(double helpful, double creepy, double n, double level)
    {
        var z = ConfidenceInterval.NormalQuantile(level);
        var total = n + PseudoTotal;
        var adjustedHelpful = ((helpful * n) + PseudoHelpful) / total;
        var adjustedCreepy = ((creepy * n) + PseudoCreepy) / total;
        var adjustedNet = adjustedHelpful - adjustedCreepy;
        var se = Math.Sqrt(Math.Max(0, adjustedHelpful + adjustedCreepy - (adjustedNet * adjustedNet)) / total);
        return (se, new ConfidenceInterval(Math.Max(-1, adjustedNet - (z * se)), Math.Min(1, adjustedNet + (z * se)), level));
    }

    /// <summary>Tango's score interval from shares and a (possibly effective, non-integer) sample size.</summary>
    internal static ConfidenceInterval TangoInterval(double helpful, double creepy, double n, double level)
    {
        var z = ConfidenceInterval.NormalQuantile(level);
        var net = helpful - creepy;
        // Below the upper limit Z(Δ) > −z; below the lower limit Z(Δ) > z.
        var upper = helpful >= 1 ? 1.0 : Bisect(net, 1, helpful, creepy, n, -z);
        var lower = creepy >= 1 ? -1.0 : Bisect(-1, net, helpful, creepy, n, z);
        return new ConfidenceInterval(Math.Max(-1, lower), Math.Min(1, upper), level);
    }

    /// <summary>Tango's score statistic Z(Δ) (see <see cref="Tango(ReadOnlySpan{sbyte}, double)"/>).</summary>
    internal static double TangoScore(double delta, double helpful, double creepy, double n)
    {
        var b = -helpful - creepy + ((2 - helpful + creepy) * delta);
        var c = -creepy * delta * (1 - delta);
        // 2q² + bq + c = 0. The discriminant is ≥ 0 in exact arithmetic (the restricted MLE exists); rounding near
        // Δ = ±1 can push it just below. For b > 0 the algebraically equal −2c/(b + √D) avoids cancellation.
        var root = Math.Sqrt(Math.Max(0, (b * b) - (8 * c)));
        var q = b > 0 ? -2 * c / (b + root) : (root - b) / 4;
        var variance = (2 * q) + (delta * (1 - delta));
        var numerator = Math.Sqrt(n) * (helpful - creepy - delta);
        return variance > 0 ? numerator / Math.Sqrt(variance) : numerator >= 0 ? double.PositiveInfinity : double.NegativeInfinity;
    }

    // The root of Z(Δ) = target in (low, high), where Z(low) > target ≥ Z(high) and Z decreases.
    private static double Bisect(double low, double high, double helpful, double creepy, double n, double target)
    {
        while (high - low > RootTolerance)
        {
            var mid = 0.5 * (low + high);
            if (mid <= low || mid >= high)
            {
                break;
            }

            if (TangoScore(mid, helpful, creepy, n) > target)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return 0.5 * (low + high);
    }

    // n* = (p_h + p_c − net²)/SE²: n over the design effect of the linearised variance; Kish's weighting n_eff when undefined.
    private static double DesignEffectiveSampleSize(NetScoreEstimate linearized)
    {
        var variance = linearized.Helpful + linearized.Creepy - (linearized.Estimate * linearized.Estimate);
        var se = linearized.StandardError;
        var effective = se > 0 && variance > 0 ? variance / (se * se) : double.NaN;
        return double.IsFinite(effective) && effective > 0 ? effective : linearized.EffectiveN;
    }

    private static (ScoreCounts Counts, double Helpful, double Neutral, double Creepy) Shares(ReadOnlySpan<sbyte> scores)
    {
        var counts = ScoreCounts.Count(scores);
        if (counts.N == 0)
        {
            throw new InsufficientDataException("nobody answered, so the net score is undefined");
        }

        double n = counts.N;
        return (counts, counts.Helpful / n, counts.Neutral / n, counts.Creepy / n);
    }
}
