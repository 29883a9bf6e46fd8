
namespace NetHelpfulness.Simulation;

/// <summary>
/// Natural logarithm and exponential computed with IEEE-754 basic operations only (+, −, ×, ÷ and exact
/// scaling by powers of two), so they return the same bits on every platform.
/// </summary>
/// <remarks>
/// <see cref="Math.Log(double)"/> and <see cref="Math.Exp"/> call the platform's C library, whose last bit may differ between
/// operating systems and processors. The simulators feed these functions into ranks and rounding, where one ulp
/// could change a written value; these versions are accurate to a few ulp and, above all, reproducible.
/// Range reduction and series as in Muller (2016), <i>Elementary Functions</i>, 3rd ed., ch. 11.
/// </remarks>
public static class PortableMath
{
    private const double Ln2 = 0.6931471805599453094172321;
    private const double Sqrt2 = 1.4142135623730950488016887;

    // ln 2 split as in fdlibm: the high part has 32 trailing zero bits, so k·Ln2High is exact for |k| < 2²⁰.
    private static readonly double Ln2High = BitConverter.Int64BitsToDouble(0x3FE62E42FEE00000L);
    private static readonly double Ln2Low = BitConverter.Int64BitsToDouble(0x3DEA39EF35793C76L);

    /// <summary>ln x for finite x &gt; 0.</summary>
    /// <remarks>
    /// x = m·2ᵉ with m in [√½, √2); ln x = e·ln 2 + 2·atanh(t), t = (m − 1)/(m + 1), |t| ≤ 0.172,
    /// with the series atanh t = Σ t²ᵏ⁺¹/(2k + 1) summed to k = 13 (the remainder is below 10⁻¹⁸).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">x is not a finite positive number.</exception>
    public static double Log(double x)
    {
        if (!(x > 0) || !double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "the logarithm needs a finite number > 0");
        }

        var exponent = 0;
        if (x < double.Epsilon * (1L << 52))
        {
            // Subnormal: scale into the normal range first (exact).
            x *= 1L << 54;
            exponent = -54;
        }

        var bits = BitConverter.DoubleToInt64Bits(x);
        exponent += (int)((bits >> 52) & 0x7FF) - 1023;
        var m = BitConverter.Int64BitsToDouble((bits & 0x000F_FFFF_FFFF_FFFFL) | 0x3FF0_0000_0000_0000L);
        if (m >= Sqrt2)
        {
            m *= 0.5;
            exponent++;
        }

        var t = (m - 1) / (m + 1);
        var t2 = t * t;
        var power = t;
        var sum = t;
        for (var k = 1; k <= 13; k++)
        {
            power *= t2;
            sum += power / ((2 * k) + 1);
        }

        return (exponent * Ln2) + (2 * sum);
    }

    /// <summary>eˣ for finite x with |x| ≤ 700.</summary>
    /// <remarks>
    /// x = k·ln 2 + r with k = round(x / ln 2) and |r| ≤ ln 2 / 2 ≈ 0.347 (ln 2 in two parts, after Cody and Waite),
    /// eʳ by its Taylor series to the term r²⁰/20! (below 10⁻²⁷), then scaled exactly by 2ᵏ.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">|x| &gt; 700 or x is not finite.</exception>
    public static double Exp(double x)
    {
        if (!(Math.Abs(x) <= 700))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "the exponential is computed for |x| ≤ 700");
        }

        var k = Math.Round(x / Ln2, MidpointRounding.ToEven);
        var r = (x - (k * Ln2High)) - (k * Ln2Low);
        var sum = 1.0;
        for (var n = 20; n >= 1; n--)
        {
            sum = 1 + (r * sum / n);
        }

        return Math.ScaleB(sum, (int)k);
    }
}
