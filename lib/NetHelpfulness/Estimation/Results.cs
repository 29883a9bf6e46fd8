using System.Globalization;

namespace NetHelpfulness.Estimation;

/// <summary>How a confidence interval for a net score was computed.</summary>
public enum IntervalMethod
{
    /// <summary>Unweighted textbook (Wald) interval, SE = √((p_h + p_c − net²)/n) (Rocks 2016).</summary>
    Wald,

    /// <summary>Design-based Taylor linearisation with weights, strata and clusters (Lumley 2010).</summary>
    Linearized,

    /// <summary>Adjusted Wald: pseudo-counts ¾ helpful, 1½ neutral, ¾ creepy, n + 3 (Rocks 2016); see <see cref="NetScore.AdjustedWald(ReadOnlySpan{sbyte}, double)"/>.</summary>
    AdjustedWald,

    /// <summary>Tango's (1998) score interval, helpful and creepy as the discordant cells; see <see cref="NetScore.Tango(ReadOnlySpan{sbyte}, double)"/>.</summary>
    Tango,

    /// <summary>Bootstrap percentile interval: PSUs resampled within strata, weights kept (Efron 1987; see <see cref="Bootstrap"/>).</summary>
    BootstrapPercentile,

    /// <summary>Bootstrap bias-corrected and accelerated (BCa) interval (Efron 1987; see <see cref="BootstrapIntervals"/>).</summary>
    BootstrapBca,
}

/// <summary>A two-sided confidence interval.</summary>
/// <param name="Lower">Lower bound.</param>
/// <param name="Upper">Upper bound.</param>
/// <param name="Level">Nominal coverage, for example 0.95.</param>
public sealed record ConfidenceInterval(double Lower, double Upper, double Level)
{
    /// <summary>Upper − lower.</summary>
    public double Width => Upper - Lower;

    /// <summary>True when <paramref name="value"/> lies within the closed interval.</summary>
    public bool Contains(double value) => value >= Lower && value <= Upper;

    /// <summary>The normal-theory interval estimate ± z·SE, z the standard normal quantile of (1 + level)/2.</summary>
    public static ConfidenceInterval Normal(double estimate, double standardError, double level)
    {
        var z = NormalQuantile(level);
        return new ConfidenceInterval(estimate - (z * standardError), estimate + (z * standardError), level);
    }

    /// <summary>The two-sided standard normal critical value for <paramref name="level"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public static double NormalQuantile(double level)
    {
        CheckLevel(level);
        return MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 0.5 + (level / 2));
    }

    /// <summary>The interval estimate ± t·SE, t the quantile of (1 + level)/2 of Student's t with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    /// <remarks>As R <c>confint.svyglm</c> builds a coefficient's interval with <c>df = object$df.residual</c>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1, or the degrees of freedom are not positive.</exception>
    public static ConfidenceInterval StudentT(double estimate, double standardError, double level, double degreesOfFreedom)
    {
        var t = StudentTQuantile(level, degreesOfFreedom);
        return new ConfidenceInterval(estimate - (t * standardError), estimate + (t * standardError), level);
    }

    /// <summary>The two-sided critical value of Student's t for <paramref name="level"/>: the quantile of (1 + level)/2, as R <c>qt((1 + level) / 2, df)</c>.</summary>
    /// <remarks>
    /// Math.NET's root-finding quantile polished by Newton steps on the tail I_{ν/(ν + t²)}(ν/2, ½)/2 = (1 − level)/2, so
    /// that the value is exact to rounding.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1, or the degrees of freedom are not positive.</exception>
    public static double StudentTQuantile(double level, double degreesOfFreedom)
    {
        CheckLevel(level);
        if (!(degreesOfFreedom > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(degreesOfFreedom), degreesOfFreedom, "degrees of freedom must be > 0");
        }

        if (double.IsPositiveInfinity(degreesOfFreedom))
        {
            return NormalQuantile(level);
        }

        var nu = degreesOfFreedom;
        var tail = (1 - level) / 2;
        var t = MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, nu, 1 - tail);
        var logNormaliser = MathNet.Numerics.SpecialFunctions.GammaLn((nu + 1) / 2) - MathNet.Numerics.SpecialFunctions.GammaLn(nu / 2) - (0.5 * Math.Log(nu * Math.PI));
        for (var i = 0; i < 4; i++)
        {
            var upper = MathNet.Numerics.SpecialFunctions.BetaRegularized(nu / 2, 0.5, nu / (nu + (t * t))) / 2;
            var density = Math.Exp(logNormaliser - ((nu + 1) / 2 * Math.Log(1 + (t * t / nu))));
            var step = (upper - tail) / density;
            t += step;
            if (Math.Abs(step) <= 1e-16 * Math.Abs(t))
            {
                break;
            }
        }

        return t;
    }

    /// <summary>Throws unless 0 &lt; level &lt; 1.</summary>
    public static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "the confidence level must lie strictly between 0 and 1");
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"[{Lower:R}, {Upper:R}] ({Level:P0})");
}

/// <summary>
/// The shape every result shares — estimate, standard error, interval, method, n and effective n — so that tables,
/// CSV and JSON writers are written once for all of them.
/// </summary>
/// <param name="Estimate">The point estimate.</param>
/// <param name="StandardError">Its standard error (for a ratio: on the log scale the interval is built on).</param>
/// <param name="Interval">Its confidence interval.</param>
/// <param name="Method">The interval method's name (<see cref="IntervalMethods"/>, or a ratio method of <see cref="EffectMethods"/>).</param>
/// <param name="N">Respondents the estimate rests on.</param>
/// <param name="EffectiveN">Kish's effective sample size of those respondents (N when unweighted).</param>
public sealed record EstimateSummary(double Estimate, double StandardError, ConfidenceInterval Interval, string Method, int N, double EffectiveN);

/// <summary>A result that exposes the shared <see cref="EstimateSummary"/> shape.</summary>
public interface IEstimateResult
{
    /// <summary>The estimate in the shape every result shares.</summary>
    EstimateSummary Summary { get; }
}

/// <summary>
/// A net helpfulness score with its uncertainty. Proportions and the score are on the [0, 1] and [−1, 1] scales;
/// percentage points are for display only.
/// </summary>
/// <param name="N">Respondents who answered.</param>
/// <param name="Helpful">(Weighted) share rating the interaction helpful.</param>
/// <param name="Neutral">(Weighted) share rating it neutral.</param>
/// <param name="Creepy">(Weighted) share rating it creepy.</param>
/// <param name="Estimate">Net score: helpful − creepy.</param>
/// <param name="StandardError">Standard error of the net score under <paramref name="Method"/>.</param>
/// <param name="Interval">Confidence interval.</param>
/// <param name="DesignEffect">Kish's design effect due to weighting (1 when unweighted).</param>
/// <param name="EffectiveN">Kish's effective sample size, N / DesignEffect.</param>
/// <param name="Method">How the interval was computed.</param>
public sealed record NetScoreEstimate(
    int N,
    double Helpful,
    double Neutral,
    double Creepy,
    double Estimate,
    double StandardError,
    ConfidenceInterval Interval,
    double DesignEffect,
    double EffectiveN,
    IntervalMethod Method) : IEstimateResult
{
    /// <inheritdoc />
    public EstimateSummary Summary => new(Estimate, StandardError, Interval, IntervalMethods.NameOf(Method), N, EffectiveN);
}

/// <summary>The net score of one named scenario.</summary>
/// <param name="Scenario">The scenario's identifier.</param>
/// <param name="Score">Its estimate.</param>
public sealed record ScenarioScore(string Scenario, NetScoreEstimate Score);
