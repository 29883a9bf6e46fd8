using System.Net;
using System.Text;

namespace NetHelpfulness.Figures;

/// <summary>
/// A self-contained HTML page of headings, text, tables and figures, with plotly.js embedded once, readable offline.
/// </summary>
public sealed class HtmlPage
{
    private readonly StringBuilder _body = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

    /// <summary>Starts a page.</summary>
    /// <param name="title">The document title (plain text).</param>
    public HtmlPage(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        Title = title;
    }

    /// <summary>The document title.</summary>
    public string Title { get; }

    /// <summary>Number of figures added.</summary>
    public int FigureCount { get; private set; }

    /// <summary>Adds a heading of level 1–4 (plain text).</summary>
    public HtmlPage AddHeading(int level, string text)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(level, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(level, 4);
        _body.Append("<h").Append(level).Append('>').Append(Encode(text)).Append("</h").Append(level).Append(">\n");
        return this;
    }

    /// <summary>Adds a paragraph (plain text, escaped).</summary>
    public HtmlPage AddParagraph(string text)
    {
        _body.Append("<p>").Append(Encode(text)).Append("</p>\n");
        return this;
    }

    /// <summary>Adds a table (plain-text cells, escaped); cells that look numeric are right-aligned.</summary>
    public HtmlPage AddTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, string? caption = null)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(rows);
        _body.Append("<table>\n");
        if (caption is not null)
        {
            _body.Append("<caption>").Append(Encode(caption)).Append("</caption>\n");
        }

        _body.Append("<thead><tr>");
        foreach (var h in header)
        {
            _body.Append("<th>").Append(Encode(h)).Append("</th>");
        }

        _body.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in rows)
        {
            if (row.Count != header.Count)
            {
                throw new ArgumentException($"a row has {row.Count} cells; the header has {header.Count}", nameof(rows));
            }

            _body.Append("<tr>");
            foreach (var cell in row)
            {
                _body.Append(LooksNumeric(cell) ? "<td class=\"num\">" : "<td>").Append(Encode(cell)).Append("</td>");
            }

            _body.Append("</tr>\n");
        }

        _body.Append("</tbody></table>\n");
        return this;
    }

    /// <summary>Adds a figure, drawn with the page's single copy of plotly.js.</summary>
    public HtmlPage AddFigure(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var id = "nethelp-" + figure.Name;
        for (var k = 2; !_ids.Add(id); k++)
        {
            id = $"nethelp-{figure.Name}-{k}";
        }

        _body.Append("<figure>\n").Append(FigureMarkup(figure, id)).Append("</figure>\n");
        FigureCount++;
        return this;
    }

    /// <summary>The whole document.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder(PlotlyJavaScript.Source.Length + _body.Length + 2048);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(Title)).Append("</title>\n")
            .Append("<style>").Append(Style).Append("</style>\n")
            .Append(PlotlyJavaScript.ScriptBlock())
            .Append("</head>\n<body>\n<main>\n")
            .Append(_body)
            .Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    internal static string FigureMarkup(Figure figure, string id)
    {
        // The JSON is escaped for an inline script ("<" and "&" as \u003C …); the draw call waits for plotly.js in case
        // a notebook front end loads it asynchronously, and marks the div once drawn (tests wait for that mark).
        var spec = System.Text.Json.Nodes.JsonNode.Parse(figure.SpecJson)!.ToJsonString();
        return $"<div id=\"{id}\" class=\"nethelp-figure\" data-figure=\"{figure.Name}\" style=\"width:{figure.Width}px;height:{figure.Height}px;max-width:100%\"></div>\n"
            + "<script>(function () {\n"
            + $"  var spec = {spec};\n"
            + "  function draw() {\n"
            + "    if (!window.Plotly) { setTimeout(draw, 20); return; }\n"
            + $"    window.Plotly.newPlot('{id}', spec.data, spec.layout, spec.config || {{}}).then(function (gd) {{ gd.setAttribute('data-rendered', 'true'); }});\n"
            + "  }\n"
            + "  draw();\n"
            + "})();</script>\n";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private static bool LooksNumeric(string cell) =>
        cell.Length > 0 && (char.IsAsciiDigit(cell[0]) || (cell.Length > 1 && cell[0] is '+' or '-' or '−' && char.IsAsciiDigit(cell[1])));

    private const string Style =
        "body{font-family:'Liberation Sans',Arial,Helvetica,sans-serif;color:#222;margin:0;background:#fff}"
        + "main{max-width:1180px;margin:0 auto;padding:24px}"
        + "h1{font-size:1.6em}h2{font-size:1.3em;margin-top:1.6em;border-bottom:1px solid #ddd}"
        + "table{border-collapse:collapse;margin:12px 0;font-size:0.92em}"
        + "caption{text-align:left;font-weight:bold;padding:4px 0}"
        + "th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top}th{background:#f2f2f2;text-align:left}"
        + "td.num{text-align:right;font-variant-numeric:tabular-nums}"
        + "figure{margin:16px 0;overflow-x:auto}";
}
