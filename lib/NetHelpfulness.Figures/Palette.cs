namespace NetHelpfulness.Figures;

/// <summary>
/// Colours and markers chosen to stay readable in grayscale and for colour-blind readers: a blue–orange diverging
/// scale whose two ends differ in lightness, and marker shapes (not colours) for categories.
/// </summary>
internal static class Palette
{
    public const string Font = "Liberation Sans, Arial, Helvetica, sans-serif";
    public const string Ink = "#222222";
    public const string Muted = "#555555";
    public const string Grid = "#e3e3e3";
    public const string Neutral = "#cfcfcf";
    public const string Suppressed = "#f0f0f0";

    // Orange (creepy) and blue (helpful) ramps, darkest first (ColorBrewer PuOr/RdBu family, colour-blind safe).
    private static readonly string[] CreepyRamp = ["#b35806", "#f1a340", "#fdd49e"];
    private static readonly string[] HelpfulRamp = ["#2166ac", "#92c5de", "#d1e5f0"];

    /// <summary>Diverging scale for net scores: orange for negative, white at 0, blue for positive.</summary>
    public static readonly object[][] Diverging =
    [
        [0.0, "#b35806"], [0.25, "#f1a340"], [0.5, "#f7f7f7"], [0.75, "#92c5de"], [1.0, "#2166ac"],
    ];

    /// <summary>The fill of each category: ramps run from the darkest at the ends to the lightest near zero.</summary>
    public static string[] CategoryColours(IReadOnlyList<SpectrumCategory> categories)
    {
        var creepy = categories.Count(c => c.Side == SpectrumSide.Creepy);
        var helpful = categories.Count(c => c.Side == SpectrumSide.Helpful);
        var colours = new string[categories.Count];
        int ci = 0, hi = 0;
        for (var k = 0; k < categories.Count; k++)
        {
            colours[k] = categories[k].Side switch
            {
                SpectrumSide.Creepy => Ramp(CreepyRamp, ci++, creepy),
                SpectrumSide.Helpful => Ramp(HelpfulRamp, helpful - 1 - hi++, helpful),
                _ => Neutral,
            };
        }

        return colours;
    }

    /// <summary>Dark fills take white text.</summary>
    public static string TextOn(string fill)
    {
        var (r, g, b) = Rgb(fill);
        return (0.299 * r) + (0.587 * g) + (0.114 * b) < 140 ? "#ffffff" : Ink;
    }

    // Position 0 is the far end (darkest); two categories take the first two stops, more are interpolated.
    private static string Ramp(string[] stops, int position, int count)
    {
        if (count == 1)
        {
            return stops[1];
        }

        if (count == 2)
        {
            return stops[position];
        }

        var t = position / (double)(count - 1) * (stops.Length - 1);
        var i = Math.Min((int)t, stops.Length - 2);
        var (r0, g0, b0) = Rgb(stops[i]);
        var (r1, g1, b1) = Rgb(stops[i + 1]);
        var f = t - i;
        return string.Create(CultureInfo.InvariantCulture,
            $"#{(int)Math.Round(r0 + ((r1 - r0) * f)):x2}{(int)Math.Round(g0 + ((g1 - g0) * f)):x2}{(int)Math.Round(b0 + ((b1 - b0) * f)):x2}");
    }

    private static (int R, int G, int B) Rgb(string hex) =>
        (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
         int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>Shapes for series that must be told apart without colour.</summary>
    public static readonly string[] Symbols = ["circle", "square", "diamond", "triangle-up", "triangle-down", "star", "hexagon", "cross"];

    /// <summary>Line dashes for the same purpose.</summary>
    public static readonly string[] Dashes = ["solid", "dash", "dot", "dashdot", "longdash", "longdashdot"];

    /// <summary>Dark, distinct inks (Okabe–Ito) for series; shapes and dashes carry the distinction in grayscale.</summary>
    public static readonly string[] Inks = ["#000000", "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"];

    /// <summary>A number in percentage points with an explicit sign and a typographic minus.</summary>
    public static string SignedPoints(double proportion, int decimals = 0)
    {
        var value = Math.Round(proportion * 100, decimals, MidpointRounding.AwayFromZero);
        var text = Math.Abs(value).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return value > 0 ? "+" + text : value < 0 ? "\u2212" + text : text;
    }

    /// <summary>A share in percent, no sign.</summary>
    public static string Percent(double proportion, int decimals = 0) =>
        Math.Round(proportion * 100, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
