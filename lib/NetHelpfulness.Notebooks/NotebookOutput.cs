using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace NetHelpfulness.Notebooks;

/// <summary>
/// HTML for a notebook output. The kernel displays it as HTML when it is a cell's value or passed to <c>display(…)</c>
/// (a formatter found by .NET Interactive's naming convention, so this library needs no reference to the kernel);
/// <see cref="Html"/> gives the markup itself.
/// </summary>
[TypeFormatterSource(typeof(NotebookFormatterSource), PreferredMimeTypes = ["text/html"])]
public class NotebookHtml
{
    internal NotebookHtml(string html, string text)
    {
        Html = html;
        Text = text;
    }

    /// <summary>The HTML fragment shown in the notebook.</summary>
    public string Html { get; }

    /// <summary>A one-line plain-text description, for viewers that show no HTML.</summary>
    public string Text { get; }

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>
/// A figure in a notebook: the interactive chart (drawn by the notebook's single copy of plotly.js, see
/// <see cref="NotebookFigures.PlotlyScript"/>) and, beside it, a static image for viewers that run no scripts.
/// </summary>
/// <remarks>
/// Where scripts run, the chart is drawn and the static image folds away under a one-line summary (a click shows it);
/// where they do not (GitHub, untrusted Jupyter, a plain HTML export without scripts), the image is what shows, and
/// the empty chart area stays hidden. Without Chromium the output says so where the image would be.
/// </remarks>
public sealed class NotebookFigure : NotebookHtml
{
    private static readonly string Session = Guid.NewGuid().ToString("N")[..8];
    private static int _count;

    internal NotebookFigure(FigureData figure, StaticImage image, string? caption)
        : base(Compose(figure, image, caption), $"{figure.Title} ({figure.Name}): interactive chart; {image.Note}")
    {
        Name = figure.Name;
        Title = figure.Title;
        SpecJson = figure.SpecJson;
        Width = figure.Width;
        Height = figure.Height;
        Image = image;
    }

    /// <summary>File name of the figure (the same as <c>nethelp reproduce</c> writes), for example <c>creepy-to-helpful-spectrum</c>.</summary>
    public string Name { get; }

    /// <summary>Plain-text title.</summary>
    public string Title { get; }

    /// <summary>The plotly.js figure as JSON: <c>{"data": [...], "layout": {...}, "config": {...}}</c>.</summary>
    public string SpecJson { get; }

    /// <summary>Width in CSS pixels.</summary>
    public int Width { get; }

    /// <summary>Height in CSS pixels.</summary>
    public int Height { get; }

    /// <summary>The static image shown beside the chart, or the reason there is none.</summary>
    public StaticImage Image { get; }

    private static string Compose(FigureData figure, StaticImage image, string? caption)
    {
        var id = string.Create(CultureInfo.InvariantCulture, $"nethelp-{figure.Name}-{Session}-{Interlocked.Increment(ref _count)}");
        var spec = JsonNode.Parse(figure.SpecJson)!.ToJsonString(); // the default encoder escapes <, > and & for an inline script
        var html = new StringBuilder(figure.SpecJson.Length + (image.Bytes?.Length * 4 / 3 ?? 0) + 2048);
        html.Append(CultureInfo.InvariantCulture, $"<div id=\"{id}\" class=\"nethelp-notebook-figure\" data-figure=\"{figure.Name}\">\n");
        if (caption is not null)
        {
            html.Append("<p style=\"margin:4px 0\">").Append(WebUtility.HtmlEncode(caption)).Append("</p>\n");
        }

        html.Append(CultureInfo.InvariantCulture,
            $"<div class=\"nethelp-chart\" style=\"display:none;width:{figure.Width}px;height:{figure.Height}px;max-width:100%\"></div>\n");
        html.Append("<details class=\"nethelp-static\" open style=\"margin:4px 0\">")
            .Append("<summary style=\"cursor:pointer;color:#555;font-size:0.9em\">").Append(WebUtility.HtmlEncode(image.Note)).Append("</summary>\n");
        if (image.DataUri is { } uri)
        {
            html.Append(CultureInfo.InvariantCulture, $"<img alt=\"{WebUtility.HtmlEncode(figure.Title)}\" width=\"{figure.Width}\" style=\"max-width:100%;height:auto\" src=\"")
                .Append(uri).Append("\">\n");
        }

        html.Append("</details>\n");

        // Draws once plotly.js is there (the notebook's script output may render after this one), then shows the chart and
        // folds the static image away. If plotly.js never arrives, the static image stays.
        html.Append("<script>(function () {\n")
            .Append(CultureInfo.InvariantCulture, $"  var root = document.getElementById('{id}'), spec = {spec}, tries = 0;\n")
            .Append("  function draw() {\n")
            .Append("    if (!root) { return; }\n")
            .Append("    if (!window.Plotly) { if (++tries < 1500) { setTimeout(draw, 20); } return; }\n")
            .Append("    var chart = root.querySelector('.nethelp-chart'), still = root.querySelector('.nethelp-static');\n")
            .Append("    chart.style.display = '';\n")
            .Append("    if (still.querySelector('img')) { still.open = false; }\n")
            .Append("    window.Plotly.newPlot(chart, spec.data, spec.layout, spec.config || {}).then(function (gd) { gd.setAttribute('data-rendered', 'true'); });\n")
            .Append("  }\n")
            .Append("  draw();\n")
            .Append("})();</script>\n</div>\n");
        return html.ToString();
    }
}

/// <summary>Marks a type for .NET Interactive's formatters; found by its name, so no reference to the kernel is needed.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    public Type FormatterSourceType { get; } = formatterSourceType;

    public string[] PreferredMimeTypes { get; set; } = [];
}

/// <summary>The formatters of <see cref="NotebookHtml"/>, by .NET Interactive's convention (created by the kernel).</summary>
[SuppressMessage("Performance", "CA1812", Justification = "Created by .NET Interactive through TypeFormatterSourceAttribute.")]
internal sealed class NotebookFormatterSource
{
    [SuppressMessage("Performance", "CA1822", Justification = "The convention calls an instance method.")]
    public IEnumerable<object> CreateTypeFormatters() => [new NotebookFormatter("text/html"), new NotebookFormatter("text/plain")];
}

/// <summary>Writes a <see cref="NotebookHtml"/> as HTML or as its one-line text; the shape .NET Interactive expects by convention.</summary>
internal sealed class NotebookFormatter(string mimeType)
{
    public string MimeType { get; } = mimeType;

    public bool Format(object instance, TextWriter writer)
    {
        if (instance is not NotebookHtml output)
        {
            return false;
        }

        writer.Write(MimeType == "text/html" ? output.Html : output.Text);
        return true;
    }
}
