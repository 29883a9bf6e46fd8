using System.Globalization;

namespace NetHelpfulness.Estimation;

/// <summary>
/// Adjusted p-values for a family of comparisons shown together (several scenarios, groups or contrasts).
/// </summary>
/// <remarks>
/// Every function returns the adjusted p-values in the input's order and equals R's <c>p.adjust(p, method = "holm")</c>,
/// <c>p.adjust(p, method = "bonferroni")</c> and <c>p.adjust(p, method = "BH")</c> for p-values without <c>NA</c>. Ties get
/// equal adjusted values.
/// </remarks>
public static class Multiplicity
{
    /// <summary>Holm's (1979) step-down adjustment, controlling the family-wise error rate.</summary>
    /// <remarks>
    /// With the m p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎: p̃₍ᵢ₎ = min(1, max_{j ≤ i} (m − j + 1)·p₍ⱼ₎)
    /// (Holm 1979, "A simple sequentially rejective multiple test procedure", Scand. J. Statist. 6:65–70).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1].</exception>
    public static double[] Holm(ReadOnlySpan<double> pValues)
    {
        var order = AscendingOrder(pValues);
        var m = order.Length;
        var adjusted = new double[m];
        var running = 0.0;
        for (var i = 0; i < m; i++)
        {
            running = Math.Max(running, (m - i) * pValues[order[i]]);
            adjusted[order[i]] = Math.Min(1, running);
        }

        return adjusted;
    }

    /// <summary>Bonferroni's adjustment, controlling the family-wise error rate (Holm's step-down is never less powerful).</summary>
    /// <remarks>p̃ᵢ = min(1, m·pᵢ) (Bonferroni 1936; Dunn 1961, "Multiple comparisons among means", JASA 56:52–64).</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1].</exception>
    public static double[] Bonferroni(ReadOnlySpan<double> pValues)
    {
        var m = AscendingOrder(pValues).Length;
        var adjusted = new double[m];
        for (var i = 0; i < m; i++)
        {
            adjusted[i] = Math.Min(1, m * pValues[i]);
        }

        return adjusted;
    }

    /// <summary>Benjamini and Hochberg's (1995) step-up adjustment, controlling the false discovery rate.</summary>
    /// <remarks>
    /// With the m p-values sorted ascending: p̃₍ᵢ₎ = min(1, min_{j ≥ i} (m/j)·p₍ⱼ₎) (Benjamini and Hochberg 1995,
    /// "Controlling the false discovery rate", J. R. Statist. Soc. B 57:289–300). Valid for independent or positively
    /// dependent tests.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1].</exception>
    public static double[] BenjaminiHochberg(ReadOnlySpan<double> pValues)
    {
        var order = AscendingOrder(pValues);
        var m = order.Length;
        var adjusted = new double[m];
        var running = double.PositiveInfinity;
        for (var i = m - 1; i >= 0; i--)
        {
            running = Math.Min(running, (double)m / (i + 1) * pValues[order[i]]);
            adjusted[order[i]] = Math.Min(1, running);
        }

        return adjusted;
    }

    /// <summary>Adjusts a family of p-values by <paramref name="adjustment"/> (R's <c>p.adjust</c> with the matching method).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A p-value is NaN or outside [0, 1], or an unknown adjustment.</exception>
    public static double[] Adjust(ReadOnlySpan<double> pValues, PAdjustment adjustment) => adjustment switch
    {
        PAdjustment.None => [.. CheckedCopy(pValues)],
        PAdjustment.Holm => Holm(pValues),
        PAdjustment.Bonferroni => Bonferroni(pValues),
        PAdjustment.BenjaminiHochberg => BenjaminiHochberg(pValues),
        _ => throw new ArgumentOutOfRangeException(nameof(adjustment), adjustment, "unknown adjustment"),
    };

    private static double[] CheckedCopy(ReadOnlySpan<double> pValues)
    {
        AscendingOrder(pValues);
        return pValues.ToArray();
    }

    private static int[] AscendingOrder(ReadOnlySpan<double> pValues)
    {
        for (var i = 0; i < pValues.Length; i++)
        {
            var p = pValues[i];
            if (!(p >= 0 && p <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(pValues), p,
                    string.Create(CultureInfo.InvariantCulture, $"p-value {i} is {p}; p-values must lie in [0, 1]"));
            }
        }

        var values = pValues.ToArray();
        var order = new int[values.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        // Ties keep input order (a stable sort), as R's order() does; the adjusted values of ties are equal either way.
        Array.Sort(order, (x, y) => values[x] != values[y] ? values[x].CompareTo(values[y]) : x.CompareTo(y));
        return order;
    }
}

/// <summary>How a family of p-values is adjusted for multiple comparisons (R's <c>p.adjust</c> methods).</summary>
public enum PAdjustment
{
    /// <summary>No adjustment (<c>"none"</c>).</summary>
    None,

    /// <summary>Holm's step-down (<c>"holm"</c>), family-wise error rate.</summary>
    Holm,

    /// <summary>Bonferroni (<c>"bonferroni"</c>), family-wise error rate.</summary>
    Bonferroni,

    /// <summary>Benjamini–Hochberg step-up (<c>"BH"</c>), false discovery rate.</summary>
    BenjaminiHochberg,
}

/// <summary>P-values for estimates with a standard error.</summary>
public static class PValues
{
    /// <summary>The two-sided p-value of a normal (Wald) test of <paramref name="estimate"/> against <paramref name="nullValue"/>.</summary>
    /// <remarks>
    /// p = 2·Φ(−|estimate − null| / SE), Φ the standard normal distribution function; equals R
    /// <c>2 * pnorm(-abs((estimate - null) / se))</c>. For a ratio, pass the log ratio and the SE on the log scale with null 0.
    /// A zero SE gives p = 0 when the estimate differs from the null value.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An argument is not finite, the SE is negative, or the SE is 0 and the estimate equals the null value (p undefined).</exception>
    public static double TwoSidedNormal(double estimate, double standardError, double nullValue = 0)
    {
        if (!double.IsFinite(estimate))
        {
            throw new ArgumentOutOfRangeException(nameof(estimate), estimate, "the estimate must be finite");
        }

        if (!double.IsFinite(nullValue))
        {
            throw new ArgumentOutOfRangeException(nameof(nullValue), nullValue, "the null value must be finite");
        }

        if (!(standardError >= 0) || !double.IsFinite(standardError))
        {
            throw new ArgumentOutOfRangeException(nameof(standardError), standardError, "the standard error must be finite and ≥ 0");
        }

        var distance = Math.Abs(estimate - nullValue);
        if (standardError == 0)
        {
            return distance > 0
                ? 0
                : throw new ArgumentOutOfRangeException(nameof(standardError), standardError, "the p-value is undefined when the standard error is 0 and the estimate equals the null value");
        }

        return 2 * MathNet.Numerics.Distributions.Normal.CDF(0, 1, -distance / standardError);
    }

    /// <summary>The two-sided p-value of a t statistic with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    /// <remarks>
    /// p = 2·P(T_ν ≥ |t|) = I_{ν/(ν + t²)}(ν/2, ½), I the regularised incomplete beta function (Abramowitz and Stegun
    /// 26.7.1), computed as a tail so that small p keep their relative precision; equals R <c>2 * pt(-abs(t), df)</c>.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">t is NaN, or the degrees of freedom are not positive.</exception>
    public static double TwoSidedStudentT(double t, double degreesOfFreedom)
    {
        RequirePositive(degreesOfFreedom, nameof(degreesOfFreedom));
        if (double.IsNaN(t))
        {
            throw new ArgumentOutOfRangeException(nameof(t), t, "the t statistic must be a number");
        }

        return double.IsInfinity(t) ? 0 : MathNet.Numerics.SpecialFunctions.BetaRegularized(degreesOfFreedom / 2, 0.5, degreesOfFreedom / (degreesOfFreedom + (t * t)));
    }

    /// <summary>The upper tail P(F ≥ f) of the F distribution with (<paramref name="numeratorDf"/>, <paramref name="denominatorDf"/>) degrees of freedom.</summary>
    /// <remarks>P(F ≥ f) = I_{d₂/(d₂ + d₁f)}(d₂/2, d₁/2) (Abramowitz and Stegun 26.6.2), as a tail; equals R <c>pf(f, d1, d2, lower.tail = FALSE)</c>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">f is negative or NaN, or a degree of freedom is not positive.</exception>
    public static double UpperF(double f, double numeratorDf, double denominatorDf)
    {
        RequirePositive(numeratorDf, nameof(numeratorDf));
        RequirePositive(denominatorDf, nameof(denominatorDf));
        if (!(f >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(f), f, "the F statistic must be ≥ 0");
        }

        return double.IsPositiveInfinity(f) ? 0 : MathNet.Numerics.SpecialFunctions.BetaRegularized(denominatorDf / 2, numeratorDf / 2, denominatorDf / (denominatorDf + (numeratorDf * f)));
    }

    /// <summary>The upper tail P(X ≥ x) of the chi-square distribution with <paramref name="degreesOfFreedom"/> degrees of freedom.</summary>
    /// <remarks>P(X ≥ x) = Q(k/2, x/2), Q the regularised upper incomplete gamma function; equals R <c>pchisq(x, k, lower.tail = FALSE)</c>.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">x is negative or NaN, or the degrees of freedom are not positive.</exception>
    public static double UpperChiSquare(double x, double degreesOfFreedom)
    {
        RequirePositive(degreesOfFreedom, nameof(degreesOfFreedom));
        if (!(x >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "the chi-square statistic must be ≥ 0");
        }

        return double.IsPositiveInfinity(x) ? 0 : MathNet.Numerics.SpecialFunctions.GammaUpperRegularized(degreesOfFreedom / 2, x / 2);
    }

    private static void RequirePositive(double degreesOfFreedom, string name)
    {
        if (!(degreesOfFreedom > 0))
        {
            throw new ArgumentOutOfRangeException(name, degreesOfFreedom, "degrees of freedom must be > 0");
        }
    }
}
