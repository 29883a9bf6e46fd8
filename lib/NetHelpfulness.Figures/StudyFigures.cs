using NetHelpfulness.Data;

namespace NetHelpfulness.Figures;

/// <summary>
/// The study's figures, one function each, from library results or plain records. Inputs are on the library's scales
/// (shares in [0, 1], scores in [−1, 1]); figures show percent and percentage points.
/// </summary>
public static partial class StudyFigures
{
    /// <summary>File name of the spectrum figure (the article's Figure 1).</summary>
    public const string SpectrumName = "creepy-to-helpful-spectrum";

    /// <summary>File name of the effects forest plot.</summary>
    public const string EffectsName = "effects";

    /// <summary>File name of the country-by-scenario heatmap.</summary>
    public const string CountryByScenarioName = "country-by-scenario";

    /// <summary>File name of the trust-signal ratios.</summary>
    public const string TrustSignalsName = "trust-signals";

    /// <summary>File name of the interval-coverage figure.</summary>
    public const string IntervalCoverageName = "interval-coverage";

    private const string Published = "#d55e00";
    private const int ColumnLabelSize = 11;
    private static readonly double[] BarsDomain = [0.0, 0.56], NeutralDomain = [0.585, 0.665], NetDomain = [0.71, 1.0];
    private const string PublishedSharesTrace = "published % helpful and % creepy (article)";
    private const string PublishedNetTrace = "published net score (article)";

    /// <summary>
    /// The creepy-to-helpful spectrum: one row per scenario, sorted by net score; a diverging stacked bar (creepy
    /// categories left of zero, helpful right), the neutral share in its own panel so the whole 100% is visible, and
    /// the net score with its interval, marked by relationship (filled or open) × tracking (shape). The article's
    /// published values are crosses and ticks.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, or a row's shares do not match the categories or sum to 1.</exception>
    public static Figure CreepyToHelpfulSpectrum(IReadOnlyList<SpectrumRow> rows, IReadOnlyList<SpectrumCategory> categories, SpectrumOptions options)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(options);
        CheckSpectrum(rows, categories);

        var sorted = rows.OrderByDescending(r => r.Net).ThenBy(r => r.Label, StringComparer.Ordinal).ToList();
        var labels = UniqueLabels(sorted.Select(r => Wrap(r.Label, 34)).ToList());
        var width = 1240;
        var height = 250 + (48 * sorted.Count);
        var spec = new ChartSpec(width, height);
        var colours = Palette.CategoryColours(categories);

        double CreepyTotal(SpectrumRow r) => Sum(r, categories, SpectrumSide.Creepy);
        double HelpfulTotal(SpectrumRow r) => Sum(r, categories, SpectrumSide.Helpful);

        // Creepy categories stack outward from zero in trace order, so the one nearest neutral goes first.
        var order = Enumerable.Range(0, categories.Count).Where(k => categories[k].Side == SpectrumSide.Creepy).Reverse()
            .Concat(Enumerable.Range(0, categories.Count).Where(k => categories[k].Side == SpectrumSide.Helpful))
            .Concat(Enumerable.Range(0, categories.Count).Where(k => categories[k].Side == SpectrumSide.Neutral));
        foreach (var k in order)
        {
            var category = categories[k];
            var sign = category.Side == SpectrumSide.Creepy ? -1 : 1;
            var shares = sorted.Select(r => r.Shares[k]).ToArray();
            spec.Bar(category.Label, shares.Select(s => sign * s * 100), labels)
                .With("xaxis", category.Side == SpectrumSide.Neutral ? "x2" : "x")
                .With("yaxis", "y")
                .With("legendrank", 100 + k)
                .With("marker", Obj(("color", colours[k]), ("line", Obj(("color", "#ffffff"), ("width", 0.6)))))
                .With("text", shares.Select(s => s >= 0.045 ? Palette.Percent(s) : "").ToArray())
                .With("textposition", "inside")
                .With("insidetextanchor", "middle")
                .With("textfont", Obj(("color", Palette.TextOn(colours[k])), ("size", 11)))
                .With("customdata", shares.Select(s => Math.Round(s * 100, 1)).ToArray())
                .With("hovertemplate", $"%{{y}}<br>{Escape(category.Label)}: %{{customdata:.1f}}%<extra></extra>");
        }

        // Totals at the ends of the bars.
        spec.Points("% creepy", sorted.Select(r => (-CreepyTotal(r) * 100) - 1.2), labels)
            .With("mode", "text").With("text", sorted.Select(r => "<b>" + Palette.Percent(CreepyTotal(r)) + "</b>").ToArray())
            .With("textposition", "middle left").With("showlegend", false).With("hoverinfo", "skip")
            .With("xaxis", "x").With("yaxis", "y").With("textfont", Obj(("size", 12), ("color", Palette.Ink)));
        spec.Points("% helpful", sorted.Select(r => (HelpfulTotal(r) * 100) + 1.2), labels)
            .With("mode", "text").With("text", sorted.Select(r => "<b>" + Palette.Percent(HelpfulTotal(r)) + "</b>").ToArray())
            .With("textposition", "middle right").With("showlegend", false).With("hoverinfo", "skip")
            .With("xaxis", "x").With("yaxis", "y").With("textfont", Obj(("size", 12), ("color", Palette.Ink)));

        // Net score with its interval, one trace per relationship × tracking group.
        var groups = sorted.Select((r, i) => (Row: r, Label: labels[i])).GroupBy(x => (x.Row.Relationship, x.Row.Tracking))
            .OrderBy(g => g.Key.Relationship ?? (Relationship)99).ThenBy(g => g.Key.Tracking ?? (Tracking)99);
        var rank = 300;
        foreach (var g in groups)
        {
            var members = g.ToList();
            spec.Points(GroupLabel(g.Key.Relationship, g.Key.Tracking), members.Select(m => m.Row.Net * 100), members.Select(m => m.Label))
                .With("xaxis", "x3").With("yaxis", "y").With("legendrank", rank++).With("legend", "legend2")
                .With("marker", Obj(("symbol", GroupSymbol(g.Key.Relationship, g.Key.Tracking)), ("size", 8), ("color", Palette.Ink),
                    ("line", Obj(("color", Palette.Ink), ("width", 1.6)))))
                .With("error_x", Obj(("type", "data"), ("symmetric", false),
                    ("array", members.Select(m => (m.Row.NetUpper - m.Row.Net) * 100).ToArray()),
                    ("arrayminus", members.Select(m => (m.Row.Net - m.Row.NetLower) * 100).ToArray()),
                    ("color", Palette.Ink), ("thickness", 1.6), ("width", 5)))
                .With("customdata", members.Select(m => new object[] { m.Row.NetLower * 100, m.Row.NetUpper * 100, m.Row.N }).ToArray())
                .With("hovertemplate", "%{y}<br>net %{x:+.1f} pp<br>CI %{customdata[0]:+.1f} to %{customdata[1]:+.1f}<br>n = %{customdata[2]:,}<extra></extra>");
        }

        // The article's numbers.
        var pubShares = sorted.Select((r, i) => (Row: r, Label: labels[i])).Where(x => x.Row.PublishedHelpful is not null || x.Row.PublishedCreepy is not null).ToList();
        if (pubShares.Count > 0)
        {
            var xs = new List<double>();
            var ys = new List<string>();
            foreach (var (row, label) in pubShares)
            {
                if (row.PublishedCreepy is { } c)
                {
                    xs.Add(-c * 100);
                    ys.Add(label);
                }

                if (row.PublishedHelpful is { } h)
                {
                    xs.Add(h * 100);
                    ys.Add(label);
                }
            }

            spec.Points(PublishedSharesTrace, xs, ys).With("xaxis", "x").With("yaxis", "y").With("legendrank", 400).With("legend", "legend2")
                .With("marker", Obj(("symbol", "line-ns-open"), ("size", 24), ("color", Published), ("line", Obj(("color", Published), ("width", 3)))))
                .With("hovertemplate", "%{y}<br>published: %{x:.0f}% (negative: creepy)<extra></extra>");
        }

        var pubNet = sorted.Select((r, i) => (Row: r, Label: labels[i])).Where(x => x.Row.PublishedNet is not null).ToList();
        if (pubNet.Count > 0)
        {
            spec.Points(PublishedNetTrace, pubNet.Select(x => x.Row.PublishedNet!.Value * 100), pubNet.Select(x => x.Label))
                .With("xaxis", "x3").With("yaxis", "y").With("legendrank", 401).With("legend", "legend2")
                .With("marker", Obj(("symbol", "x-thin-open"), ("size", 17), ("color", Published), ("line", Obj(("color", Published), ("width", 2.6)))))
                .With("hovertemplate", "%{y}<br>published net %{x:+.0f} pp<extra></extra>");
        }

        // Axes: one shared row axis; bars, neutral and net panels side by side.
        var barExtent = Math.Max(sorted.Max(CreepyTotal), sorted.Max(HelpfulTotal)) * 100;
        var barRange = (Math.Ceiling(barExtent / 10) * 10) + 12;
        var barTicks = Enumerable.Range(-10, 21).Select(i => i * 20.0).Where(t => Math.Abs(t) <= barRange - 6).ToArray();
        var neutralMax = sorted.Max(r => Sum(r, categories, SpectrumSide.Neutral)) * 100;
        var netValues = sorted.SelectMany(r => new[] { r.NetLower, r.NetUpper, r.PublishedNet ?? r.Net }).Select(v => v * 100).Append(0).ToList();
        var netLow = (Math.Floor(netValues.Min() / 10) * 10) - 5;
        var netHigh = (Math.Ceiling(netValues.Max() / 10) * 10) + 5;
        spec.Set("barmode", "relative")
            .Set("bargap", 0.28)
            .Set("uniformtext", Obj(("mode", "hide"), ("minsize", 9)))
            .Set("title", Title(options.Title, WrapSubtitle(options.DataNote + " Net score = % helpful − % creepy, with " + options.IntervalNote + "."
                + (pubShares.Count + pubNet.Count > 0 ? " Orange ticks and crosses: values published by the article." : ""))))
            .Set("yaxis", Axis("", ("categoryorder", "array"), ("categoryarray", labels.AsEnumerable().Reverse().ToArray()),
                ("showgrid", false), ("ticks", ""), ("showline", false), ("tickfont", Obj(("size", 12)))))
            .Set("xaxis", Axis("% of respondents:  ← creepy  |  helpful →", ("domain", BarsDomain), ("range", new[] { -barRange, barRange }),
                ("tickvals", barTicks), ("ticktext", barTicks.Select(t => Math.Abs(t).ToString(CultureInfo.InvariantCulture)).ToArray())))
            .Set("xaxis2", Axis("% neutral", ("domain", NeutralDomain), ("range", new[] { 0, Math.Ceiling((neutralMax + 4) / 10) * 10 }),
                ("anchor", "y"), ("dtick", 20)))
            .Set("xaxis3", Axis("net score (percentage points)", ("domain", NetDomain), ("range", new[] { netLow, netHigh }), ("anchor", "y"),
                ("dtick", netHigh - netLow > 80 ? 20 : 10)))
            .Set("shapes", new[] { VerticalLine(0, "x", "paper"), VerticalLine(0, "x3", "paper") })
            .Set("legend", Obj(("orientation", "h"), ("x", 0.0), ("xanchor", "left"), ("y", 1.0), ("yanchor", "bottom"),
                ("font", Obj(("size", 12))), ("traceorder", "normal")))
            .Set("legend2", Obj(("orientation", "h"), ("x", 0.0), ("xanchor", "left"), ("y", -74.0 / (height - 216)), ("yanchor", "top"),
                ("font", Obj(("size", 12))), ("traceorder", "normal")))
            .Set("margin", Obj(("l", 10), ("r", 20), ("t", 116), ("b", 100)));
        return spec.Build(SpectrumName, options.Title);
    }

    /// <summary>
    /// Forest plot of effects on the net score (relationship, tracking, matched contrasts), in the order given,
    /// each with its interval; groups are told apart by marker shape.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, or an interval that does not contain its estimate.</exception>
    public static Figure Effects(IReadOnlyList<EffectRow> rows, string intervalNote = "95% CI", string? dataNote = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Require(rows.Count > 0, "the forest plot needs at least one effect");
        foreach (var r in rows)
        {
            CheckInterval(r.Label, r.Estimate, r.Lower, r.Upper, 2);
        }

        var (spec, labels, height) = Forest(rows, 980, x => x * 100, "%{y}<br>%{x:+.1f} pp<br>CI %{customdata[0]:+.1f} to %{customdata[1]:+.1f}<extra></extra>");
        var extent = rows.SelectMany(r => new[] { Math.Abs(r.Lower), Math.Abs(r.Upper) }).Max() * 100;
        var range = (Math.Ceiling(extent / 10) * 10) + 5;
        spec.Set("title", Title("Relationship and tracking effects on the net score",
                WrapSubtitle((dataNote is null ? "" : dataNote + " ") + "Differences in net score with " + intervalNote + "; computed per respondent, so the pairing is used.")))
            .Set("margin", Obj(("l", 10), ("r", 30), ("t", 92), ("b", 110)))
            .Set("yaxis", Axis("", ("categoryorder", "array"), ("categoryarray", labels.AsEnumerable().Reverse().ToArray()), ("showgrid", false), ("ticks", ""), ("showline", false)))
            .Set("xaxis", Axis("difference in net score (percentage points)", ("range", new[] { -range, range }), ("dtick", range > 60 ? 20 : 10)))
            .Set("shapes", new[] { VerticalLine(0) })
            .Set("legend", Obj(("orientation", "h"), ("x", 0.0), ("y", -60.0 / (height - 202)), ("yanchor", "top"), ("font", Obj(("size", 12)))));
        return spec.Build(EffectsName, "Relationship and tracking effects on the net score");
    }

    /// <summary>
    /// Heatmap of net scores by country (rows) and scenario (columns, in the order first given), on a diverging
    /// scale centred on 0. Cells with fewer than <paramref name="minimumCell"/> respondents are suppressed and marked.
    /// </summary>
    /// <exception cref="ArgumentException">No cells, a duplicate cell, or a net score outside [−1, 1].</exception>
    public static Figure CountryByScenario(IReadOnlyList<CountryScenarioCell> cells, int minimumCell = Defaults.MinimumCell, string? dataNote = null)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfNegative(minimumCell);
        Require(cells.Count > 0, "the heatmap needs at least one cell");
        var scenarios = cells.Select(c => c.Scenario).Distinct(StringComparer.Ordinal).ToList();
        var countries = cells.Select(c => c.Country).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var lookup = new Dictionary<(string, string), CountryScenarioCell>();
        foreach (var c in cells)
        {
            Require(lookup.TryAdd((c.Country, c.Scenario), c), $"the cell {c.Country} × {c.Scenario} is given twice");
            Require(c.Net is null || (c.Net >= -1 && c.Net <= 1), $"the net score of {c.Country} × {c.Scenario} lies outside [−1, 1]");
        }

        bool Shown(CountryScenarioCell? c) => c is { Net: not null } && c.N >= minimumCell;
        var z = countries.Select(country => scenarios.Select(s => lookup.TryGetValue((country, s), out var c) && Shown(c) ? c.Net * 100 : (double?)null).ToArray()).ToArray();
        var text = countries.Select(country => scenarios.Select(s => lookup.TryGetValue((country, s), out var c) && Shown(c) ? Palette.SignedPoints(c.Net!.Value) : "").ToArray()).ToArray();
        var n = countries.Select(country => scenarios.Select(s => lookup.TryGetValue((country, s), out var c) ? c.N : 0).ToArray()).ToArray();
        // Column labels stay horizontal and apart: wrapped to 15 characters, and each column as wide as the widest line
        // needs in the widest font the figure may be drawn in, plus a gap.
        var columnLabels = UniqueLabels(scenarios.Select(s => Wrap(s, 15)).ToList());
        var columnWidth = Math.Max(64, Math.Ceiling(columnLabels.Max(l => TextWidth(l, ColumnLabelSize)) + 14));
        var extent = z.SelectMany(row => row).Where(v => v is not null).Select(v => Math.Abs(v!.Value)).DefaultIfEmpty(10).Max();
        var zmax = Math.Max(10, Math.Ceiling(extent / 10) * 10);

        var width = (int)Math.Max(760, 210 + (columnWidth * scenarios.Count));
        var height = 260 + (27 * countries.Count);
        var spec = new ChartSpec(width, height);
        spec.Heatmap(z, columnLabels, countries)
            .With("name", "net score")
            .With("colorscale", Palette.Diverging)
            .With("zmin", -zmax).With("zmax", zmax).With("zmid", 0)
            .With("xgap", 1).With("ygap", 1)
            .With("text", text).With("texttemplate", "%{text}").With("textfont", Obj(("size", 11)))
            .With("customdata", n)
            .With("hovertemplate", "%{y} · %{x}<br>net %{z:+.1f} pp<br>n = %{customdata}<extra></extra>")
            .With("colorbar", Obj(("title", Obj(("text", "net score (pp)"), ("side", "right"))), ("thickness", 14), ("len", 0.9),
                ("dtick", zmax > 40 ? 20 : 10), ("outlinewidth", 0)));

        var small = countries.SelectMany(country => scenarios.Select((s, j) => (Country: country, Column: columnLabels[j], Cell: lookup.GetValueOrDefault((country, s)))))
            .Where(x => !Shown(x.Cell)).ToList();
        var suppressedLabel = string.Create(CultureInfo.InvariantCulture, $"n < {minimumCell}");
        var shapes = new List<object>();
        if (small.Count > 0)
        {
            spec.Points($"suppressed: fewer than {minimumCell} respondents", small.Select(x => x.Column), small.Select(x => x.Country))
                .With("mode", "text").With("text", small.Select(x => x.Cell is null ? "no data" : suppressedLabel).ToArray())
                .With("textposition", "middle center").With("textfont", Obj(("size", 10), ("color", Palette.Muted)))
                .With("hovertemplate", "%{y} · %{x}<br>suppressed (n < " + minimumCell.ToString(CultureInfo.InvariantCulture) + ")<extra></extra>");
            foreach (var x in small)
            {
                var i = columnLabels.IndexOf(x.Column);
                var j = countries.IndexOf(x.Country);
                shapes.Add(Obj(("type", "rect"), ("xref", "x"), ("yref", "y"), ("x0", i - 0.5), ("x1", i + 0.5), ("y0", j - 0.5), ("y1", j + 0.5),
                    ("fillcolor", Palette.Suppressed), ("line", Obj(("color", "#ffffff"), ("width", 1))), ("layer", "below")));
            }
        }

        spec.Set("title", Title("Net score by country and scenario",
                WrapSubtitle((dataNote is null ? "" : dataNote + " ") + "Net score = % helpful − % creepy in percentage points; orange: more creepy than helpful, blue: more helpful."
                    + (small.Count > 0 ? $" Cells with fewer than {minimumCell} respondents are suppressed (grey, \"{suppressedLabel}\")." : ""))))
            .Set("margin", Obj(("l", 10), ("r", 10), ("t", 100), ("b", 40)))
            .Set("xaxis", Axis("", ("showgrid", false), ("showline", false), ("side", "bottom"), ("tickangle", 0), ("tickfont", Obj(("size", ColumnLabelSize))), ("ticks", "")))
            .Set("yaxis", Axis("country (ISO 3166 code)", ("showgrid", false), ("showline", false), ("autorange", "reversed"), ("ticks", "")))
            .Set("shapes", shapes)
            .Set("showlegend", false);
        return spec.Build(CountryByScenarioName, "Net score by country and scenario");
    }

    /// <summary>
    /// Trust-signal ratios with their intervals on a log axis (1 = no difference); the article's ratios as crosses.
    /// </summary>
    /// <exception cref="ArgumentException">No rows, or a ratio or limit that is not positive, or an interval that does not contain its estimate.</exception>
    public static Figure TrustSignals(IReadOnlyList<RatioRow> rows, string ratioName = "risk ratio", string intervalNote = "95% CI", string? dataNote = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Require(rows.Count > 0, "the figure needs at least one ratio");
        foreach (var r in rows)
        {
            Require(r.Lower > 0 && r.Estimate > 0 && r.Upper > 0 && (r.Published is null || r.Published > 0), $"'{r.Label}': ratios and limits must be positive");
            Require(r.Lower <= r.Estimate && r.Estimate <= r.Upper && double.IsFinite(r.Upper), $"'{r.Label}': the interval must contain the estimate");
        }

        var labels = UniqueLabels(rows.Select(r => Wrap(r.Label, 40)).ToList());
        var height = 210 + (52 * rows.Count);
        var spec = new ChartSpec(900, height);
        spec.Points("reproduced " + ratioName + " with " + intervalNote, rows.Select(r => r.Estimate), labels)
            .With("marker", Obj(("symbol", "circle"), ("size", 10), ("color", Palette.Ink)))
            .With("error_x", Obj(("type", "data"), ("symmetric", false),
                ("array", rows.Select(r => r.Upper - r.Estimate).ToArray()), ("arrayminus", rows.Select(r => r.Estimate - r.Lower).ToArray()),
                ("color", Palette.Ink), ("thickness", 1.6), ("width", 5)))
            .With("customdata", rows.Select(r => new[] { r.Lower, r.Upper }).ToArray())
            .With("hovertemplate", "%{y}<br>%{x:.2f}×<br>CI %{customdata[0]:.2f} to %{customdata[1]:.2f}<extra></extra>");
        var pub = rows.Select((r, i) => (Row: r, Label: labels[i])).Where(x => x.Row.Published is not null).ToList();
        if (pub.Count > 0)
        {
            spec.Points("published by the article", pub.Select(x => x.Row.Published!.Value), pub.Select(x => x.Label))
                .With("marker", Obj(("symbol", "x-thin-open"), ("size", 17), ("color", Published), ("line", Obj(("color", Published), ("width", 2.6)))))
                .With("hovertemplate", "%{y}<br>published %{x:.1f}×<extra></extra>");
        }

        var low = rows.Select(r => Math.Min(r.Lower, r.Published ?? r.Lower)).Append(1).Min() / 1.25;
        var high = rows.Select(r => Math.Max(r.Upper, r.Published ?? r.Upper)).Append(1).Max() * 1.25;
        double[] candidates = [0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 3, 4, 5, 7.5, 10, 20];
        var ticks = candidates.Where(t => t >= low && t <= high).ToArray();
        spec.Set("title", Title("Trust signals: how much more likely customers are to share and to see value",
                WrapSubtitle((dataNote is null ? "" : dataNote + " ") + "Crosses: ratios published by the article; dots: reproduced " + ratioName + "s with " + intervalNote + ".")))
            .Set("margin", Obj(("l", 10), ("r", 30), ("t", 92), ("b", 100)))
            .Set("yaxis", Axis("", ("categoryorder", "array"), ("categoryarray", labels.AsEnumerable().Reverse().ToArray()), ("showgrid", false), ("ticks", ""), ("showline", false)))
            .Set("xaxis", Axis(ratioName + " (log scale; 1 = no difference)", ("type", "log"), ("range", new[] { Math.Log10(low), Math.Log10(high) }),
                ("tickvals", ticks), ("ticktext", ticks.Select(t => t.ToString("0.##", CultureInfo.InvariantCulture) + "×").ToArray())))
            .Set("shapes", new[] { VerticalLine(1, dash: "dot") })
            .Set("legend", Obj(("orientation", "h"), ("x", 0.0), ("y", -70.0 / (height - 192)), ("yanchor", "top"), ("font", Obj(("size", 12)))));
        return spec.Build(TrustSignalsName, "Trust signals");
    }

    /// <summary>
    /// Empirical coverage of each interval method against sample size, with the nominal level and, when the number of
    /// Monte-Carlo replicates is given, the band of ±2 Monte-Carlo standard errors around it.
    /// </summary>
    /// <exception cref="ArgumentException">No points, a coverage outside [0, 1], or a repeated (method, n).</exception>
    public static Figure IntervalCoverage(IReadOnlyList<CoveragePoint> points, double nominalLevel = 0.95, int? replicates = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        Require(points.Count > 0, "the figure needs at least one point");
        Require(nominalLevel is > 0 and < 1, "the nominal level must lie strictly between 0 and 1");
        Require(replicates is null or > 0, "the number of replicates must be positive");
        Require(points.All(p => p.Coverage is >= 0 and <= 1 && p.N > 0), "coverage must lie in [0, 1] and n be positive");
        Require(points.GroupBy(p => (p.Method, p.N)).All(g => g.Count() == 1), "each (method, n) is given once");

        var spec = new ChartSpec(900, 560);
        var index = 0;
        foreach (var g in points.GroupBy(p => p.Method))
        {
            var ordered = g.OrderBy(p => p.N).ToList();
            var ink = Palette.Inks[index % Palette.Inks.Length];
            spec.Line(g.Key, ordered.Select(p => p.N), ordered.Select(p => p.Coverage * 100))
                .With("line", Obj(("color", ink), ("width", 2), ("dash", Palette.Dashes[index % Palette.Dashes.Length])))
                .With("marker", Obj(("symbol", Palette.Symbols[index % Palette.Symbols.Length]), ("size", 9), ("color", ink)))
                .With("hovertemplate", Escape(g.Key) + "<br>n = %{x}<br>coverage %{y:.1f}%<extra></extra>");
            index++;
        }

        var nominal = nominalLevel * 100;
        var shapes = new List<object>
        {
            Obj(("type", "line"), ("xref", "paper"), ("yref", "y"), ("x0", 0), ("x1", 1), ("y0", nominal), ("y1", nominal),
                ("line", Obj(("color", "#444444"), ("width", 1.2), ("dash", "dot"))), ("layer", "below")),
        };
        var note = $"Dotted line: nominal {nominal.ToString("0.#", CultureInfo.InvariantCulture)}%.";
        if (replicates is { } b)
        {
            var band = 2 * Math.Sqrt(nominalLevel * (1 - nominalLevel) / b) * 100;
            shapes.Insert(0, Obj(("type", "rect"), ("xref", "paper"), ("yref", "y"), ("x0", 0), ("x1", 1), ("y0", nominal - band), ("y1", nominal + band),
                ("fillcolor", "#e6e6e6"), ("line", Obj(("width", 0))), ("layer", "below")));
            note += string.Create(CultureInfo.InvariantCulture, $" Grey band: ±2 Monte-Carlo standard errors ({b:N0} replicates per point).");
        }

        var ys = points.Select(p => p.Coverage * 100).Append(nominal).ToList();
        var ns = points.Select(p => p.N).Distinct().Order().ToArray();
        spec.Set("title", Title("Coverage of the net score's confidence intervals", WrapSubtitle("Share of simulated intervals that contain the true net score. " + note)))
            .Set("margin", Obj(("l", 10), ("r", 30), ("t", 92), ("b", 110)))
            .Set("xaxis", Axis("sample size n (log scale)", ("type", "log"), ("tickvals", ns), ("ticktext", ns.Select(v => v.ToString("N0", CultureInfo.InvariantCulture)).ToArray())))
            .Set("yaxis", Axis("empirical coverage (%)", ("range", new[] { Math.Floor(ys.Min() - 1), Math.Min(100.5, Math.Ceiling(ys.Max() + 1)) })))
            .Set("shapes", shapes)
            .Set("legend", Obj(("orientation", "h"), ("x", 0.0), ("y", -0.2), ("yanchor", "top"), ("font", Obj(("size", 12)))));
        return spec.Build(IntervalCoverageName, "Coverage of the net score's confidence intervals");
    }

    // A forest plot's traces: one row per estimate (top to bottom in the order given), a marker shape and ink per group,
    // the interval as whiskers. Rows are 36 px apart, 50 px when a label takes three lines.
    private static (ChartSpec Spec, List<string> Labels, int Height) Forest(IReadOnlyList<EffectRow> rows, int width, Func<double, double> scale, string hover)
    {
        var labels = UniqueLabels(rows.Select(r => Wrap(r.Label, 44)).ToList());
        var lines = labels.Max(l => l.Split("<br>").Length);
        var height = 190 + ((lines > 2 ? 50 : 36) * rows.Count);
        var spec = new ChartSpec(width, height);
        var groupIndex = 0;
        foreach (var g in rows.Select((r, i) => (Row: r, Label: labels[i])).GroupBy(x => x.Row.Group))
        {
            var members = g.ToList();
            var symbol = Palette.Symbols[groupIndex % Palette.Symbols.Length];
            var ink = Palette.Inks[groupIndex % Palette.Inks.Length];
            groupIndex++;
            spec.Points(g.Key, members.Select(m => scale(m.Row.Estimate)), members.Select(m => m.Label))
                .With("marker", Obj(("symbol", symbol), ("size", 10), ("color", ink)))
                .With("error_x", Obj(("type", "data"), ("symmetric", false),
                    ("array", members.Select(m => scale(m.Row.Upper) - scale(m.Row.Estimate)).ToArray()),
                    ("arrayminus", members.Select(m => scale(m.Row.Estimate) - scale(m.Row.Lower)).ToArray()),
                    ("color", ink), ("thickness", 1.6), ("width", 5)))
                .With("customdata", members.Select(m => new[] { scale(m.Row.Lower), scale(m.Row.Upper) }).ToArray())
                .With("hovertemplate", hover);
        }

        return (spec, labels, height);
    }

    /// <summary>Legend label of a relationship × tracking group.</summary>
    public static string GroupLabel(Relationship? relationship, Tracking? tracking)
    {
        if (relationship is null && tracking is null)
        {
            return "net score";
        }

        var r = relationship switch
        {
            Relationship.Established => "established relationship",
            Relationship.None => "no relationship",
            _ => "relationship unknown",
        };
        var t = tracking switch
        {
            Tracking.None => "no deep tracking",
            Tracking.ThirdPartyCookies => "third-party cookies",
            Tracking.GeoTracking => "geo-tracking",
            Tracking.DeviceListening => "device listening",
            _ => "tracking unknown",
        };
        return r + " · " + t;
    }

    // Shape for tracking, filled for an established relationship and open for none, so groups survive grayscale.
    private static string GroupSymbol(Relationship? relationship, Tracking? tracking)
    {
        var shape = tracking switch
        {
            Tracking.None => "circle",
            Tracking.ThirdPartyCookies => "square",
            Tracking.GeoTracking => "triangle-up",
            Tracking.DeviceListening => "diamond",
            _ => "hexagon",
        };
        return relationship == Relationship.None ? shape + "-open" : shape;
    }

    private static void CheckSpectrum(IReadOnlyList<SpectrumRow> rows, IReadOnlyList<SpectrumCategory> categories)
    {
        Require(rows.Count > 0, "the spectrum needs at least one scenario");
        Require(categories.Count > 0, "the spectrum needs its rating categories");
        Require(categories.Any(c => c.Side == SpectrumSide.Creepy) && categories.Any(c => c.Side == SpectrumSide.Helpful),
            "the spectrum needs at least one creepy and one helpful category");
        foreach (var r in rows)
        {
            Require(r.Shares.Count == categories.Count, $"'{r.Scenario}' has {r.Shares.Count} shares for {categories.Count} categories");
            Require(r.Shares.All(s => s is >= 0 and <= 1), $"'{r.Scenario}': every share must lie in [0, 1]");
            Require(Math.Abs(r.Shares.Sum() - 1) < 1e-6, $"'{r.Scenario}': the shares must sum to 1");
            CheckInterval(r.Scenario, r.Net, r.NetLower, r.NetUpper, 1);
            Require(r.PublishedNet is null || Math.Abs(r.PublishedNet.Value) <= 1, $"'{r.Scenario}': the published net score must lie in [−1, 1] (a proportion, not percent)");
            Require(r.PublishedHelpful is null or >= 0 and <= 1 && r.PublishedCreepy is null or >= 0 and <= 1,
                $"'{r.Scenario}': published shares must lie in [0, 1] (proportions, not percent)");
        }
    }

    private static void CheckInterval(string label, double estimate, double lower, double upper, double bound)
    {
        Require(double.IsFinite(estimate) && double.IsFinite(lower) && double.IsFinite(upper), $"'{label}': the estimate and its limits must be finite");
        Require(lower <= estimate && estimate <= upper, $"'{label}': the interval [{lower}, {upper}] must contain the estimate {estimate}");
        Require(Math.Abs(estimate) <= bound, $"'{label}': the estimate {estimate} lies outside [−{bound}, {bound}] (proportions, not percent)");
    }

    private static double Sum(SpectrumRow row, IReadOnlyList<SpectrumCategory> categories, SpectrumSide side)
    {
        var total = 0.0;
        for (var k = 0; k < categories.Count; k++)
        {
            if (categories[k].Side == side)
            {
                total += row.Shares[k];
            }
        }

        return total;
    }

    // Plotly merges equal category labels; keep each row apart.
    private static List<string> UniqueLabels(List<string> labels)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            if (seen.TryGetValue(labels[i], out var count))
            {
                seen[labels[i]] = count + 1;
                labels[i] = $"{labels[i]} ({count + 1})";
            }
            else
            {
                seen[labels[i]] = 1;
            }
        }

        return labels;
    }

    private static string WrapSubtitle(string text) => Wrap(text, 150);

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message);
        }
    }
}
