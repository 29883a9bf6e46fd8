using System.Text.Json.Nodes;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace NetHelpfulness.Figures;

/// <summary>
/// Builds a figure with Plotly.NET: traces from Plotly.NET.CSharp's chart functions, refined through Plotly.NET's
/// dynamic objects, one layout in the package's paper style, serialised by Plotly.NET. Nothing of it leaves this assembly.
/// </summary>
internal sealed class ChartSpec
{
    private readonly List<GenericChart> _charts = [];
    private readonly Layout _layout = new();

    public ChartSpec(int width, int height)
    {
        Width = width;
        Height = height;
        foreach (var (key, value) in PaperStyle(width, height))
        {
            _layout.SetProperty(key, value);
        }
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Horizontal bars: <paramref name="values"/> along x, one per category of <paramref name="keys"/> along y.</summary>
    public Trace Bar(string name, IEnumerable<double> values, IEnumerable<string> keys) =>
        Add(CSharpChart.Bar<double, string, string>(values, Keys: new(keys, true), Name: name));

    /// <summary>Markers at (x, y).</summary>
    public Trace Points<TX, TY>(string name, IEnumerable<TX> x, IEnumerable<TY> y)
        where TX : IConvertible
        where TY : IConvertible =>
        Add(CSharpChart.Point<TX, TY, string>(x, y, Name: name));

    /// <summary>Lines with markers through (x, y).</summary>
    public Trace Line<TX, TY>(string name, IEnumerable<TX> x, IEnumerable<TY> y)
        where TX : IConvertible
        where TY : IConvertible =>
        Add(CSharpChart.Line<TX, TY, string>(x, y, ShowMarkers: true, Name: name));

    /// <summary>A heatmap of <paramref name="z"/> (rows along y); null cells are left empty.</summary>
    public Trace Heatmap(double?[][] z, IEnumerable<string> x, IEnumerable<string> y)
    {
        // Plotly.NET's heatmap takes IConvertible values, so the gaps (null, drawn empty by plotly.js) are set afterwards.
        var filled = z.Select(row => row.Select(v => v ?? 0.0)).ToArray();
        return Add(CSharpChart.Heatmap<double, string, string, string>(filled, X: new(x, true), Y: new(y, true))).With("z", z);
    }

    /// <summary>Sets a layout property (nested objects as dictionaries).</summary>
    public ChartSpec Set(string key, object? value)
    {
        _layout.SetProperty(key, value);
        return this;
    }

    public Figure Build(string name, string title)
    {
        var chart = GenericChart.setLayout(_layout, CSharpChart.Combine(_charts));
        var spec = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        spec.Remove("frames");

        // plotly.js gives a trace without a uid a random one, which ends up in exported SVG: name them instead.
        if (spec["data"] is JsonArray traces)
        {
            for (var i = 0; i < traces.Count; i++)
            {
                if (traces[i] is JsonObject trace)
                {
                    trace["uid"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{name}-{i}");
                }
            }
        }

        spec["config"] = new JsonObject
        {
            ["displaylogo"] = false,
            ["responsive"] = false,
            ["toImageButtonOptions"] = new JsonObject { ["format"] = "svg", ["filename"] = name },
        };
        return new Figure(name, title, spec.ToJsonString(), Width, Height);
    }

    public static Dictionary<string, object?> Obj(params (string Key, object? Value)[] properties)
    {
        var o = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in properties)
        {
            o[key] = value;
        }

        return o;
    }

    /// <summary>An axis in the paper style: a line on the axis side, outward ticks, light grid.</summary>
    public static Dictionary<string, object?> Axis(string title, params (string Key, object? Value)[] more)
    {
        var axis = Obj(
            ("title", Obj(("text", title), ("font", Obj(("size", 13))))),
            ("showline", true), ("linecolor", "#444444"), ("linewidth", 1),
            ("ticks", "outside"), ("ticklen", 4), ("tickcolor", "#444444"),
            ("showgrid", true), ("gridcolor", Palette.Grid), ("zeroline", false),
            ("automargin", true));
        foreach (var (key, value) in more)
        {
            axis[key] = value;
        }

        return axis;
    }

    /// <summary>A vertical reference line spanning the plot area of an x axis.</summary>
    public static Dictionary<string, object?> VerticalLine(double x, string xref = "x", string yref = "paper", string dash = "solid", string colour = "#444444") =>
        Obj(("type", "line"), ("xref", xref), ("yref", yref == "paper" ? "paper" : yref + " domain"), ("x0", x), ("x1", x), ("y0", 0), ("y1", 1),
            ("line", Obj(("color", colour), ("width", 1), ("dash", dash))), ("layer", "above"));

    /// <summary>Title with a smaller second line (plotly.js 2.28 has no subtitle attribute).</summary>
    public static Dictionary<string, object?> Title(string title, string? subtitle) =>
        Obj(("text", "<b>" + Escape(title) + "</b>" + (subtitle is null ? "" : "<br><span style=\"font-size:12px;color:" + Palette.Muted + "\">" + subtitle + "</span>")),
            ("x", 0.012), ("xanchor", "left"), ("xref", "container"), ("y", 0.99), ("yref", "container"), ("yanchor", "top"),
            ("pad", Obj(("t", 8))), ("font", Obj(("size", 17))));

    /// <summary>Escapes text for plotly's pseudo-HTML labels.</summary>
    public static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    /// <summary>
    /// Breaks a label into lines of about <paramref name="width"/> characters, at spaces, and after the hyphens of a
    /// word that is longer than a line ("Loyalty-programme" becomes "Loyalty-" and "programme").
    /// </summary>
    public static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries).SelectMany(w => w.Length > width ? HyphenParts(w) : [w]))
        {
            if (line.EndsWith('-') && line.Length + word.Length <= width)
            {
                line += word;
                continue;
            }

            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = line.Length == 0 ? word : line + " " + word;
            }
        }

        lines.Add(line);
        return string.Join("<br>", lines.Select(Escape));
    }

    /// <summary>
    /// The width in pixels of a label's widest line (lines separated by &lt;br&gt;), estimated for DejaVu Sans — the widest
    /// of the fonts a figure may be drawn in (Liberation Sans is narrower; a machine without it falls back to DejaVu) —
    /// from its advance widths (Bitstream Vera metrics, in em) plus the half pixel per glyph that hinting adds.
    /// </summary>
    public static double TextWidth(string label, double fontSize) =>
        label.Split("<br>").Max(line => Unescape(line).Sum(c => (AdvanceWidth(c) * fontSize) + 0.6));

    private static IEnumerable<string> HyphenParts(string word)
    {
        var start = 0;
        for (var i = 0; i < word.Length - 1; i++)
        {
            if (word[i] == '-' && i > start)
            {
                yield return word[start..(i + 1)];
                start = i + 1;
            }
        }

        yield return word[start..];
    }

    private static string Unescape(string text) =>
        text.Replace("&lt;", "<", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal).Replace("&amp;", "&", StringComparison.Ordinal);

    private static double AdvanceWidth(char c) => c switch
    {
        ' ' or ',' or '.' or ':' or ';' or '\'' or '’' => 0.318,
        '-' => 0.361,
        '(' or ')' or '[' or ']' => 0.390,
        'i' or 'j' or 'l' or 'I' or 'J' => 0.278,
        'f' => 0.352,
        't' => 0.392,
        'r' => 0.411,
        's' => 0.521,
        'z' => 0.525,
        'c' => 0.550,
        'k' => 0.579,
        'v' or 'x' or 'y' => 0.592,
        'm' => 0.974,
        'w' => 0.818,
        'M' => 0.863,
        'W' => 0.989,
        >= 'A' and <= 'Z' => 0.78,
        >= '0' and <= '9' => 0.636,
        >= 'a' and <= 'z' => 0.635,
        _ => 0.8,
    };

    private Trace Add(GenericChart chart)
    {
        _charts.Add(chart);
        return GenericChart.getTraces(chart).Single();
    }

    private static Dictionary<string, object?> PaperStyle(int width, int height) => Obj(
        ("width", width), ("height", height),
        ("font", Obj(("family", Palette.Font), ("size", 13), ("color", Palette.Ink))),
        ("paper_bgcolor", "#ffffff"), ("plot_bgcolor", "#ffffff"),
        ("hovermode", "closest"),
        ("legend", Obj(("orientation", "h"), ("x", 0.0), ("xanchor", "left"), ("y", -0.08), ("yanchor", "top"),
            ("font", Obj(("size", 12))), ("traceorder", "normal"))));
}

/// <summary>Sets Plotly.NET trace properties by their plotly.js names.</summary>
internal static class TraceExtensions
{
    public static Trace With(this Trace trace, string key, object? value)
    {
        trace.SetProperty(key, value);
        return trace;
    }
}
