namespace NetHelpfulness.Figures;

public static partial class StudyFigures
{
    /// <summary>File name of the forest plot of a model's coefficients.</summary>
    public const string ModelCoefficientsName = "model-coefficients";

    /// <summary>File name of the interaction plot of predicted net scores.</summary>
    public const string PredictedNetScoresName = "predicted-net-scores";

    /// <summary>
    /// Forest plot of a model's coefficients with their intervals, in the order given (top to bottom), a marker shape per
    /// term: differences in percentage points around 0, or odds ratios on a log axis around 1.
    /// </summary>
    /// <param name="rows">One per coefficient; on the coefficients' scale (differences in [−1, 1] units, or odds ratios).</param>
    /// <param name="scale">How to draw the values.</param>
    /// <param name="title">The figure's title.</param>
    /// <param name="intervalNote">How the intervals were computed.</param>
    /// <param name="dataNote">Provenance, shown in the subtitle; say "synthetic" where the data are.</param>
    /// <param name="name">The figure's file name.</param>
    /// <param name="referenceNote">What the coefficients are measured against, for example "reference levels: relationship none, tracking none".</param>
    /// <exception cref="ArgumentException">No rows, an interval that does not contain its estimate, or an odds ratio that is not positive.</exception>
    public static Figure ModelCoefficients(IReadOnlyList<EffectRow> rows, CoefficientScale scale, string title, string intervalNote = "95% CI", string? dataNote = null,
        string name = ModelCoefficientsName, string? referenceNote = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Require(rows.Count > 0, "the forest plot needs at least one coefficient");
        var odds = scale == CoefficientScale.OddsRatio;
        foreach (var r in rows)
        {
            CheckInterval(r.Label, r.Estimate, r.Lower, r.Upper, double.MaxValue);
            Require(!odds || r.Lower > 0, $"'{r.Label}': odds ratios and their limits must be positive");
        }

        var hover = odds
            ? "%{y}<br>OR %{x:.2f}<br>CI %{customdata[0]:.2f} to %{customdata[1]:.2f}<extra></extra>"
            : "%{y}<br>%{x:+.1f} pp<br>CI %{customdata[0]:+.1f} to %{customdata[1]:+.1f}<extra></extra>";
        var (spec, labels, height) = Forest(rows, 980, odds ? x => x : x => x * 100, hover);
        Dictionary<string, object?> axis;
        if (odds)
        {
            var low = rows.Min(r => r.Lower) / 1.2;
            var high = rows.Max(r => r.Upper) * 1.2;
            double[] candidates = [0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 10, 20];
            var ticks = candidates.Where(t => t >= Math.Min(low, 1) && t <= Math.Max(high, 1)).ToArray();
            axis = Axis("odds ratio (log scale; 1 = no difference)", ("type", "log"), ("range", new[] { Math.Log10(Math.Min(low, 0.9)), Math.Log10(Math.Max(high, 1.1)) }),
                ("tickvals", ticks), ("ticktext", ticks.Select(t => t.ToString("0.##", CultureInfo.InvariantCulture)).ToArray()));
        }
        else
        {
            var extent = rows.SelectMany(r => new[] { Math.Abs(r.Lower), Math.Abs(r.Upper) }).Max() * 100;
            var range = (Math.Ceiling(extent / 10) * 10) + 5;
            axis = Axis(scale == CoefficientScale.NetPoints ? "difference in net score (percentage points)" : "difference in share (percentage points)",
                ("range", new[] { -range, range }), ("dtick", range > 60 ? 20 : 10));
        }

        spec.Set("title", Title(title, WrapSubtitle((dataNote is null ? "" : dataNote + " ")
                + (odds ? "Odds ratios" : "Coefficients") + " with " + intervalNote + "; each against its factor's reference level, the other terms held"
                + (referenceNote is null ? "." : " (" + referenceNote + ")."))))
            .Set("margin", Obj(("l", 10), ("r", 30), ("t", 92), ("b", 110)))
            .Set("yaxis", Axis("", ("categoryorder", "array"), ("categoryarray", labels.AsEnumerable().Reverse().ToArray()), ("showgrid", false), ("ticks", ""), ("showline", false)))
            .Set("xaxis", axis)
            .Set("shapes", new[] { VerticalLine(odds ? 1 : 0, dash: odds ? "dot" : "solid") })
            .Set("legend", Obj(("orientation", "h"), ("x", 0.0), ("y", -60.0 / (height - 202)), ("yanchor", "top"), ("font", Obj(("size", 12)))));
        return spec.Build(name, title);
    }

    /// <summary>
    /// Interaction plot of predicted values: categories along x (for example the tracking types), one line and marker
    /// shape per series (for example relationship), each value with its interval; cells without an estimate are gaps.
    /// </summary>
    /// <param name="cells">One per series × category; categories and series in the order they first appear.</param>
    /// <param name="scale">Net scores (drawn in percentage points) or shares (drawn in percent).</param>
    /// <param name="categoryTitle">The x axis's title (what the categories are).</param>
    /// <param name="title">The figure's title.</param>
    /// <param name="intervalNote">How the intervals were computed.</param>
    /// <param name="dataNote">Provenance, shown in the subtitle; say "synthetic" where the data are.</param>
    /// <param name="name">The figure's file name.</param>
    /// <exception cref="ArgumentException">No estimable cell, a cell given twice, a value outside its scale, or an interval that does not contain its estimate.</exception>
    public static Figure PredictedCells(IReadOnlyList<PredictedCell> cells, PredictionScale scale, string categoryTitle, string title,
        string intervalNote = "95% CI", string? dataNote = null, string name = PredictedNetScoresName)
    {
        ArgumentNullException.ThrowIfNull(cells);
        Require(cells.Any(c => c.Estimate is not null), "the interaction plot needs at least one estimated cell");
        Require(cells.GroupBy(c => (c.Series, c.Category)).All(g => g.Count() == 1), "each series × category is given once");
        var share = scale == PredictionScale.Share;
        foreach (var c in cells.Where(c => c.Estimate is not null))
        {
            Require(c.Lower is not null && c.Upper is not null, $"'{c.Series} × {c.Category}': an estimate needs both limits");
            CheckInterval($"{c.Series} × {c.Category}", c.Estimate!.Value, c.Lower!.Value, c.Upper!.Value, 1);
            Require(!share || c.Estimate >= 0, $"'{c.Series} × {c.Category}': a share lies in [0, 1]");
        }

        var categories = cells.Select(c => c.Category).Distinct(StringComparer.Ordinal).ToList();
        var series = cells.Select(c => c.Series).Distinct(StringComparer.Ordinal).ToList();
        var lookup = cells.ToDictionary(c => (c.Series, c.Category));
        var categoryLabels = categories.Select(c => Wrap(c, 18)).ToList();
        var slot = Math.Max(150, categoryLabels.Max(l => TextWidth(l, 12)) + 30);
        var width = (int)Math.Max(760, 260 + (slot * categories.Count));
        var spec = new ChartSpec(width, 580);
        var spread = series.Count == 1 ? 0 : Math.Min(0.3, 0.12 * (series.Count - 1));
        for (var s = 0; s < series.Count; s++)
        {
            var offset = series.Count == 1 ? 0 : -spread + (2 * spread * s / (series.Count - 1));
            var points = categories.Select((c, k) => (X: k + offset, Cell: lookup.GetValueOrDefault((series[s], c)))).ToList();
            double? Scaled(double? v) => v * 100;
            var ink = Palette.Inks[s % Palette.Inks.Length];
            spec.Line(series[s], points.Select(p => p.X), points.Select(p => Scaled(p.Cell?.Estimate) ?? double.NaN))
                .With("y", points.Select(p => Scaled(p.Cell?.Estimate)).ToArray())
                .With("connectgaps", false)
                .With("line", Obj(("color", ink), ("width", 2), ("dash", Palette.Dashes[s % Palette.Dashes.Length])))
                .With("marker", Obj(("symbol", Palette.Symbols[s % Palette.Symbols.Length]), ("size", 10), ("color", ink)))
                .With("error_y", Obj(("type", "data"), ("symmetric", false),
                    ("array", points.Select(p => p.Cell?.Estimate is { } e ? (p.Cell.Upper!.Value - e) * 100 : (double?)null).ToArray()),
                    ("arrayminus", points.Select(p => p.Cell?.Estimate is { } e ? (e - p.Cell.Lower!.Value) * 100 : (double?)null).ToArray()),
                    ("color", ink), ("thickness", 1.6), ("width", 6)))
                .With("customdata", points.Select(p => new object?[] { categories[(int)Math.Round(p.X)], Scaled(p.Cell?.Lower), Scaled(p.Cell?.Upper) }).ToArray())
                .With("hovertemplate", Escape(series[s]) + " · %{customdata[0]}<br>" + (share ? "%{y:.1f}%" : "%{y:+.1f} pp")
                    + "<br>CI %{customdata[1]:.1f} to %{customdata[2]:.1f}<extra></extra>");
        }

        var values = cells.Where(c => c.Estimate is not null).SelectMany(c => new[] { c.Lower!.Value, c.Upper!.Value }).Select(v => v * 100).ToList();
        var low = share ? 0 : Math.Floor(Math.Min(0, values.Min()) / 10) * 10 - 5;
        var high = share ? Math.Min(100, (Math.Ceiling(values.Max() / 10) * 10) + 5) : (Math.Ceiling(Math.Max(0, values.Max()) / 10) * 10) + 5;
        var missing = cells.Where(c => c.Estimate is null).Select(c => $"{c.Series} × {categoryTitle}: {c.Category}").ToList();
        var subtitle = (dataNote is null ? "" : dataNote + " ")
            + (share ? "Predicted share" : "Predicted net score = % helpful − % creepy")
            + " of each cell, the model's mean prediction over its ratings with the cell set and the other covariates as observed, with " + intervalNote + "."
            + (missing.Count > 0 ? " Not estimable (no ratings): " + string.Join(", ", missing) + "." : "");
        spec.Set("title", Title(title, WrapSubtitle(subtitle)))
            .Set("margin", Obj(("l", 10), ("r", 30), ("t", 100), ("b", 120)))
            .Set("xaxis", Axis(categoryTitle, ("tickvals", Enumerable.Range(0, categories.Count).ToArray()), ("ticktext", categoryLabels.ToArray()),
                ("range", new[] { -0.5, categories.Count - 0.5 }), ("showgrid", false), ("zeroline", false)))
            .Set("yaxis", Axis(share ? "predicted share (%)" : "predicted net score (percentage points)", ("range", new[] { low, high }), ("dtick", high - low > 80 ? 20 : 10)))
            .Set("shapes", share ? Array.Empty<object>() : new object[]
            {
                Obj(("type", "line"), ("xref", "paper"), ("yref", "y"), ("x0", 0), ("x1", 1), ("y0", 0), ("y1", 0),
                    ("line", Obj(("color", "#444444"), ("width", 1))), ("layer", "below")),
            })
            .Set("legend", Obj(("orientation", "h"), ("x", 0.0), ("y", -0.2), ("yanchor", "top"), ("font", Obj(("size", 12)))));
        return spec.Build(name, title);
    }
}
