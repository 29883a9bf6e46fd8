using System.Globalization;

namespace NetHelpfulness.Reporting;

/// <summary>
/// How numbers are shown, in every table of the program and the report alike: invariant culture; shares in percent,
/// net scores and differences in signed percentage points (rounded half away from zero, with a true minus sign), full
/// round-trip precision in CSV and JSON. One place, so that the command line, the report and the notebooks never round
/// one number two ways.
/// </summary>
public static class Format
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Full precision, for CSV.</summary>
    public static string RoundTrip(double value) => value.ToString("R", Inv);

    /// <summary>A share in [0, 1] in percent with one decimal and a % sign: <c>68.0%</c>.</summary>
    public static string Percent(double share) => PercentNumber(share) + "%";

    /// <summary>A share in [0, 1] in percent with one decimal, no sign: <c>68.0</c>.</summary>
    public static string PercentNumber(double share) => Decimal(share * 100, 1);

    /// <summary>A net score or difference in signed percentage points with one decimal: <c>+57.0</c>, <c>−27.0</c>, <c>0.0</c>.</summary>
    public static string Points(double value) => Signed(value * 100, 1);

    /// <summary>A standard error (or width) in percentage points without a sign.</summary>
    public static string PointsUnsigned(double value, int decimals = 1) => Decimal(value * 100, decimals);

    /// <summary>A signed number with <paramref name="decimals"/> decimals, a true minus sign, rounded half away from zero.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Says what the text is: a signed number.")]
    public static string Signed(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var text = Math.Abs(rounded).ToString("F" + decimals.ToString(Inv), Inv);
        return rounded > 0 ? "+" + text : rounded < 0 ? "\u2212" + text : text;
    }

    /// <summary>A number with <paramref name="decimals"/> decimals.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720", Justification = "Says what the text is: a decimal number.")]
    public static string Decimal(double value, int decimals) => value.ToString("F" + decimals.ToString(Inv), Inv);

    /// <summary>A confidence level as a percentage: <c>95%</c>.</summary>
    public static string Level(double level) => (level * 100).ToString("0.##", Inv) + "%";

    /// <summary>A p-value with four decimals, or <c>&lt;0.0001</c>.</summary>
    public static string PValue(double p) => p < 0.0001 ? "<0.0001" : p.ToString("0.0000", Inv);

    /// <summary>An interval in points (<paramref name="points"/> true) or in percent.</summary>
    public static string Interval(Estimation.ConfidenceInterval ci, bool points) =>
        points ? $"[{Points(ci.Lower)}, {Points(ci.Upper)}]" : $"[{Percent(ci.Lower)}, {Percent(ci.Upper)}]";
}
