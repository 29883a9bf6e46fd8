using System.Globalization;

namespace NetHelpfulness.Estimation;

/// <summary>What a sample-size plan is for.</summary>
public enum PlanTarget
{
    /// <summary>One scenario's net score.</summary>
    NetScore,

    /// <summary>The paired difference of two scenarios' net scores, both rated by every respondent.</summary>
    PairedDifference,
}

/// <summary>A sample size that gives a confidence interval of a chosen half-width (margin of error).</summary>
/// <param name="Target">What the margin applies to.</param>
/// <param name="RequiredN">Respondents needed, including the design effect.</param>
/// <param name="SimpleRandomSampleN">Respondents needed by a simple random sample (design effect 1).</param>
/// <param name="Margin">Half-width of the interval, on the [−1, 1] scale of the net score (0.03 = 3 points).</param>
/// <param name="Level">Confidence level.</param>
/// <param name="Variance">Assumed per-respondent variance of the score (or of the paired difference of scores).</param>
/// <param name="DesignEffect">Assumed design effect: the variance relative to a simple random sample of the same size.</param>
public sealed record SampleSizePlan(
    PlanTarget Target,
    long RequiredN,
    long SimpleRandomSampleN,
    double Margin,
    double Level,
    double Variance,
    double DesignEffect);

/// <summary>Sample sizes for a net score's margin of error, so a researcher can size the next wave.</summary>
/// <remarks>
/// A respondent's score s is +1 (helpful), 0 (neutral) or −1 (creepy); its variance is
/// σ² = p_h + p_c − (p_h − p_c)² (Rocks 2016). A normal-theory interval of half-width m at level 1 − α needs
/// n = ⌈z²·σ²·deff / m²⌉, z = Φ⁻¹(1 − α/2), deff the design effect (Kish 1965: the design's variance relative to a
/// simple random sample of the same size; about 1 + CV² of the weights when only weighting matters). At least 1.
/// </remarks>
public static class SampleSize
{
    private const double MaxRequiredN = 1e15;

    /// <summary>The sample size for one net score.</summary>
    /// <param name="margin">Half-width of the interval, in (0, 1] (0.03 = ±3 points).</param>
    /// <param name="helpful">Anticipated helpful share, in [0, 1].</param>
    /// <param name="creepy">Anticipated creepy share, in [0, 1], with helpful + creepy ≤ 1.</param>
    /// <param name="designEffect">Anticipated design effect (&gt; 0; 1 for a simple random sample).</param>
    /// <param name="level">Confidence level, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument lies outside its range.</exception>
    public static SampleSizePlan ForNetScore(double margin, double helpful, double creepy, double designEffect = 1, double level = 0.95)
    {
        var variance = ScoreVariance(helpful, creepy, nameof(helpful), nameof(creepy));
        return Plan(PlanTarget.NetScore, margin, variance, designEffect, level);
    }

    /// <summary>The sample size for the paired difference of two scenarios' net scores (A − B, same respondents).</summary>
    /// <remarks>
    /// The per-respondent difference D = s_A − s_B has Var(D) = σ²_A + σ²_B − 2ρ·σ_A·σ_B, ρ the correlation between a
    /// respondent's scores on the two scenarios (positive when attitudes carry over; ρ = 0 gives the variance of two
    /// independent scores). n = ⌈z²·Var(D)·deff / m²⌉. Not every ρ is attainable for given shares (the scores are
    /// discrete); the plan takes ρ as stated.
    /// </remarks>
    /// <param name="margin">Half-width of the interval for the difference, in (0, 1].</param>
    /// <param name="helpfulA">Anticipated helpful share of scenario A.</param>
    /// <param name="creepyA">Anticipated creepy share of scenario A.</param>
    /// <param name="helpfulB">Anticipated helpful share of scenario B.</param>
    /// <param name="creepyB">Anticipated creepy share of scenario B.</param>
    /// <param name="correlation">Anticipated correlation of a respondent's two scores, in [−1, 1].</param>
    /// <param name="designEffect">Anticipated design effect (&gt; 0).</param>
    /// <param name="level">Confidence level, strictly between 0 and 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument lies outside its range.</exception>
    public static SampleSizePlan ForPairedDifference(
        double margin, double helpfulA, double creepyA, double helpfulB, double creepyB, double correlation, double designEffect = 1, double level = 0.95)
    {
        var varianceA = ScoreVariance(helpfulA, creepyA, nameof(helpfulA), nameof(creepyA));
        var varianceB = ScoreVariance(helpfulB, creepyB, nameof(helpfulB), nameof(creepyB));
        if (!(correlation >= -1 && correlation <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(correlation), correlation, "the correlation must lie in [-1, 1]");
        }

        var variance = Math.Max(0, varianceA + varianceB - (2 * correlation * Math.Sqrt(varianceA) * Math.Sqrt(varianceB)));
        return Plan(PlanTarget.PairedDifference, margin, variance, designEffect, level);
    }

    /// <summary>The variance of one respondent's score, p_h + p_c − (p_h − p_c)².</summary>
    /// <exception cref="ArgumentOutOfRangeException">A share lies outside [0, 1] or they sum above 1.</exception>
    public static double ScoreVariance(double helpful, double creepy) => ScoreVariance(helpful, creepy, nameof(helpful), nameof(creepy));

    private static double ScoreVariance(double helpful, double creepy, string helpfulName, string creepyName)
    {
        CheckShare(helpful, helpfulName);
        CheckShare(creepy, creepyName);
        if (helpful + creepy > 1 + 1e-12)
        {
            throw new ArgumentOutOfRangeException(creepyName, creepy, string.Create(CultureInfo.InvariantCulture,
                $"the helpful ({helpful}) and creepy ({creepy}) shares must sum to at most 1"));
        }

        var net = helpful - creepy;
        return Math.Max(0, helpful + creepy - (net * net));
    }

    private static SampleSizePlan Plan(PlanTarget target, double margin, double variance, double designEffect, double level)
    {
        if (!(margin > 0 && margin <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "the margin of error must lie in (0, 1] (0.03 is ±3 points)");
        }

        if (!(designEffect > 0) || !double.IsFinite(designEffect))
        {
            throw new ArgumentOutOfRangeException(nameof(designEffect), designEffect, "the design effect must be finite and > 0");
        }

        var z = ConfidenceInterval.NormalQuantile(level);
        return new SampleSizePlan(target, Size(z, variance, designEffect, margin), Size(z, variance, 1, margin), margin, level, variance, designEffect);
    }

    private static long Size(double z, double variance, double designEffect, double margin)
    {
        // Same order of operations as the R reference: z^2 * variance * deff / margin^2.
        var n = Math.Ceiling(z * z * variance * designEffect / (margin * margin));
        if (n > MaxRequiredN)
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "the margin of error is too small: the sample size would exceed 10^15");
        }

        return Math.Max(1, (long)n);
    }

    private static void CheckShare(double share, string name)
    {
        if (!(share >= 0 && share <= 1))
        {
            throw new ArgumentOutOfRangeException(name, share, "a share must lie in [0, 1]");
        }
    }
}
