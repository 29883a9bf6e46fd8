using Microsoft.DotNet.Interactive.Documents;

namespace NetHelpfulness.Notebooks.Tests;

/// <summary>
/// What an executed notebook shows of its figures: each NotebookFigures call must come out as HTML (the kernel found the
/// facade's formatter), plotly.js must be embedded exactly once, and every figure should carry its static image.
/// </summary>
internal sealed record NotebookFigureOutputs(int Figures, int StaticImages, int PlotlyScripts)
{
    /// <summary>Marks a figure's output (NotebookFigure's HTML).</summary>
    public const string FigureMarker = "class=\"nethelp-notebook-figure\"";

    /// <summary>Marks the embedded plotly.js (NotebookFigures.PlotlyScript's HTML).</summary>
    public const string PlotlyMarker = "window.__nethelpDefine = window.define";

    public static NotebookFigureOutputs Count(InteractiveDocument executed)
    {
        var html = executed.Elements.SelectMany(e => e.Outputs)
            .Select(o => o switch
            {
                ReturnValueElement value => value.Data.TryGetValue("text/html", out var v) ? v.ToString() : null,
                DisplayElement display => display.Data.TryGetValue("text/html", out var d) ? d.ToString() : null,
                _ => null,
            })
            .OfType<string>()
            .ToList();
        var figures = html.Where(h => h.Contains(FigureMarker, StringComparison.Ordinal)).ToList();
        return new NotebookFigureOutputs(
            figures.Count,
            figures.Count(h => h.Contains("<img ", StringComparison.Ordinal)),
            html.Count(h => h.Contains(PlotlyMarker, StringComparison.Ordinal)));
    }

    /// <summary>Where the facade looks for Chromium by default; with it, every figure must have its static image.</summary>
    public static bool ChromiumInstalled =>
        File.Exists(Environment.GetEnvironmentVariable("NETHELP_CHROMIUM") is { Length: > 0 } chosen ? chosen : "/usr/bin/chromium");

    /// <summary>The problems, one line each; a notebook that calls no figure function must embed no plotly.js either.</summary>
    public List<string> Problems(bool drawsFigures)
    {
        var problems = new List<string>();
        if (drawsFigures && Figures == 0)
        {
            problems.Add("it calls NotebookFigures but no figure came out as HTML");
        }

        if (Figures > 0 && PlotlyScripts != 1)
        {
            problems.Add($"plotly.js is embedded {PlotlyScripts} times; call NotebookFigures.PlotlyScript() once per notebook");
        }

        if (ChromiumInstalled && StaticImages < Figures)
        {
            problems.Add($"{Figures - StaticImages} of {Figures} figures have no static image although Chromium is installed (see the figure's note)");
        }

        if (Figures == 0 && PlotlyScripts > 0)
        {
            problems.Add("plotly.js is embedded but no figure is drawn");
        }

        return problems;
    }
}
