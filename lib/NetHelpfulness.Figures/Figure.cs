using System.Text.Json.Nodes;

namespace NetHelpfulness.Figures;

/// <summary>
/// A finished figure: its file name, title, size and plotly.js specification (JSON with <c>data</c>, <c>layout</c>
/// and <c>config</c>). Plain .NET only — no F# or Plotly.NET types — so that it can cross an assembly-load-context
/// boundary as strings.
/// </summary>
public sealed class Figure
{
    /// <summary>Creates a figure from a plotly.js specification.</summary>
    /// <param name="name">File name without extension, for example <c>creepy-to-helpful-spectrum</c>.</param>
    /// <param name="title">Human-readable title (plain text).</param>
    /// <param name="specJson">JSON object with <c>data</c> and <c>layout</c> (and optionally <c>config</c>).</param>
    /// <param name="width">Width in CSS pixels.</param>
    /// <param name="height">Height in CSS pixels.</param>
    /// <exception cref="ArgumentException">The name is not a file-name-safe identifier, or the specification is not a JSON object with data and layout.</exception>
    public Figure(string name, string title, string specJson, int width, int height)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(specJson);
        if (!name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"a figure name is lower-case letters, digits and '-'; got '{name}'", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        var node = JsonNode.Parse(specJson) as JsonObject;
        if (node?["data"] is not JsonArray || node["layout"] is not JsonObject)
        {
            throw new ArgumentException("the specification must be a JSON object with a 'data' array and a 'layout' object", nameof(specJson));
        }

        Name = name;
        Title = title;
        SpecJson = specJson;
        Width = width;
        Height = height;
    }

    /// <summary>File name without extension.</summary>
    public string Name { get; }

    /// <summary>Plain-text title.</summary>
    public string Title { get; }

    /// <summary>The plotly.js figure: <c>{"data": [...], "layout": {...}, "config": {...}}</c>.</summary>
    public string SpecJson { get; }

    /// <summary>Width in CSS pixels (also the image export size at scale 1).</summary>
    public int Width { get; }

    /// <summary>Height in CSS pixels.</summary>
    public int Height { get; }

    /// <summary>Number of traces in the specification.</summary>
    public int TraceCount => ((JsonArray)JsonNode.Parse(SpecJson)!["data"]!).Count;

    /// <summary>The version of plotly.js embedded in every HTML output.</summary>
    public static string PlotlyJsVersion => PlotlyJavaScript.Version;

    /// <summary>
    /// A self-contained HTML document showing this figure, with plotly.js embedded (no network needed to open it).
    /// </summary>
    public string ToHtmlDocument() => new HtmlPage(Title).AddFigure(this).ToHtml();

    /// <summary>
    /// An HTML fragment for a notebook output: the chart's div and script. With <paramref name="includePlotlyJs"/>
    /// plotly.js is inlined first, with AMD <c>define</c> hidden around it so require.js front ends leave
    /// <c>window.Plotly</c> defined; pass false for later figures of the same page.
    /// </summary>
    public string ToHtmlFragment(bool includePlotlyJs = true) =>
        (includePlotlyJs ? PlotlyJavaScript.ScriptBlock() : "") + HtmlPage.FigureMarkup(this, "nethelp-" + Name);
}
