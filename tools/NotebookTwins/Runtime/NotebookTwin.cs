// ---- The twin's runtime: what the notebook kernel does around the cells (tools/NotebookTwins/Runtime/NotebookTwin.cs) ----
#nullable enable

/// <summary>
/// What a notebook kernel does around the cells, for a file-based app: runs from the notebook's folder (relative paths
/// as in the notebook), formats each displayed value, and the value a cell ends with, as the kernel does (with .NET
/// Interactive's formatter), and writes them as one HTML page, <c>artifacts/notebook-scripts/NN-topic/index.html</c>, with
/// each figure's HTML page and static image beside it. Prints one line per output, with the time since the process started.
/// </summary>
internal static class NotebookTwin
{
    private const int DataFrameRowLimit = 100;

    private static readonly System.Text.StringBuilder Page = new();
    private static readonly Dictionary<string, int> FigureNames = new(StringComparer.Ordinal);
    private static readonly DateTime ProcessStart = System.Diagnostics.Process.GetCurrentProcess().StartTime;
    private static string _name = "";
    private static string _folder = "";
    private static string? _plotlyScript;
    private static int _outputs;
    private static int _figures;
    private static bool _inCell;
    private static bool _finished;

    /// <summary>The page's folder, under the repository's artifacts/notebook-scripts/.</summary>
    public static string Folder => _folder;

    public static void Start(string name)
    {
        _name = name;
        var here = AppContext.GetData("EntryPointFileDirectoryPath") as string
            ?? throw new InvalidOperationException("run this file as a file-based app: dotnet run " + name + ".cs");
        Environment.CurrentDirectory = here;
        _folder = Path.GetFullPath(Path.Combine(here, "..", "artifacts", "notebook-scripts", name));
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        Directory.CreateDirectory(_folder);
        Microsoft.DotNet.Interactive.Formatting.Formatter.Register<Microsoft.Data.Analysis.DataFrame>((frame, writer) => writer.Write(DataFrameHtml(frame)), "text/html");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Finish(null);
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Finish(e.ExceptionObject as Exception);
        Log($"{name}: the file-based twin of {name}.ipynb; outputs in {_folder}");
    }

    /// <summary>Marks the start of a code cell: its outputs follow under its heading.</summary>
    public static void Cell(int position, string id)
    {
        EndCell();
        Page.Append(System.Globalization.CultureInfo.InvariantCulture, $"<section class=\"cell\" id=\"{System.Net.WebUtility.HtmlEncode(id)}\">\n<h2>cell {position} · {System.Net.WebUtility.HtmlEncode(id)}</h2>\n");
        _inCell = true;
    }

    /// <summary><c>display(…)</c>, and the value a cell ends with: its HTML as the kernel formats it.</summary>
    public static void Display(object? value)
    {
        _outputs++;
        var html = Microsoft.DotNet.Interactive.Formatting.Formatter.ToDisplayString(value, "text/html");
        Page.Append("<div class=\"output\">\n").Append(html).Append("\n</div>\n");
        if (value?.GetType().FullName == "NetHelpfulness.Notebooks.NotebookFigure")
        {
            WriteFigure(value, html);
            return;
        }

        var text = value switch
        {
            null => "null",
            Microsoft.DotNet.Interactive.Formatting.TabularData.TabularDataResource table => $"table, {table.Data.Count()} rows × {table.Schema.Fields.Count} columns",
            Microsoft.Data.Analysis.DataFrame frame => $"DataFrame, {frame.Rows.Count} rows × {frame.Columns.Count} columns",
            _ => value.ToString() ?? "",
        };
        var line = text.Split('\n')[0].Trim();
        Log($"output {_outputs}: {(line.Length > 100 ? line[..100] + "…" : line)}");
    }

    /// <summary>Writes the page (once): at the end of the run, or when a cell throws.</summary>
    public static void Finish(Exception? error)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        if (error is not null)
        {
            Page.Append("<pre class=\"error\">").Append(System.Net.WebUtility.HtmlEncode(error.ToString())).Append("</pre>\n");
        }

        EndCell();
        var page = new System.Text.StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"<title>{_name}: outputs of the file-based twin</title>\n")
            .Append("<style>body{font-family:system-ui,sans-serif;margin:2em;max-width:1400px}section.cell{border-top:1px solid #ccc;margin-top:1.5em}")
            .Append("h2{font-size:1em;color:#555}.output{margin:0.5em 0;overflow-x:auto}table{border-collapse:collapse}td,th{padding:2px 8px;border-bottom:1px solid #eee;text-align:left}")
            .Append("pre.error{color:#a00;white-space:pre-wrap}</style>\n</head>\n<body>\n")
            .Append(System.Globalization.CultureInfo.InvariantCulture, $"<h1>{_name}</h1>\n<p>Outputs of <code>notebooks/{_name}.cs</code>, the file-based twin of <code>notebooks/{_name}.ipynb</code> (generated by tools/NotebookTwins), run without .NET Interactive.</p>\n")
            .Append(Page)
            .Append("</body>\n</html>\n");
        File.WriteAllText(Path.Combine(_folder, "index.html"), page.ToString());
        CloseBrowser();
        Log(error is null
            ? $"{_outputs} outputs, {_figures} figures: {Path.Combine(_folder, "index.html")}"
            : $"stopped by {error.GetType().Name}: {error.Message}; outputs so far in {Path.Combine(_folder, "index.html")}");
    }

    private static void EndCell()
    {
        if (_inCell)
        {
            Page.Append("</section>\n");
            _inCell = false;
        }
    }

    private static void WriteFigure(object figure, string html)
    {
        _figures++;
        var type = figure.GetType();
        var name = (string)type.GetProperty("Name")!.GetValue(figure)!;
        var count = FigureNames[name] = FigureNames.GetValueOrDefault(name) + 1;
        var file = count == 1 ? name : $"{name}-{count}";
        _plotlyScript ??= PlotlyScript(type.Assembly);
        File.WriteAllText(Path.Combine(_folder, file + ".html"),
            $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{System.Net.WebUtility.HtmlEncode(name)}</title>\n</head>\n<body>\n{_plotlyScript}\n{html}\n</body>\n</html>\n");
        var image = type.GetProperty("Image")!.GetValue(figure)!;
        var bytes = (byte[]?)image.GetType().GetProperty("Bytes")!.GetValue(image);
        var format = image.GetType().GetProperty("Format")!.GetValue(image)!.ToString()!.ToLowerInvariant();
        if (bytes is not null)
        {
            File.WriteAllBytes(Path.Combine(_folder, $"{file}.{format}"), bytes);
        }

        Log($"figure {_figures}: {file}.html{(bytes is null ? " (no static image: " + image.GetType().GetProperty("Note")!.GetValue(image) + ")" : $", {file}.{format}")}");
    }

    /// <summary>plotly.js for the figures' own pages, from the facade (embedded, never a CDN).</summary>
    private static string PlotlyScript(System.Reflection.Assembly facade)
    {
        var script = facade.GetType("NetHelpfulness.Notebooks.NotebookFigures")!.GetMethod("PlotlyScript")!.Invoke(null, null)!;
        return (string)script.GetType().GetProperty("Html")!.GetValue(script)!;
    }

    /// <summary>The browser the facade started for static images, if it is loaded: the twin ends, so does the browser.</summary>
    private static void CloseBrowser() =>
        AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "NetHelpfulness.Notebooks")
            ?.GetType("NetHelpfulness.Notebooks.NotebookFigures")?.GetMethod("CloseBrowser")?.Invoke(null, null);

    /// <summary>A DataFrame as an HTML table (the kernel has an extension for it; the formatter alone does not).</summary>
    private static string DataFrameHtml(Microsoft.Data.Analysis.DataFrame frame)
    {
        var html = new System.Text.StringBuilder("<table>\n<thead><tr>");
        foreach (var column in frame.Columns)
        {
            html.Append("<th>").Append(System.Net.WebUtility.HtmlEncode(column.Name)).Append("</th>");
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in frame.Rows.Take(DataFrameRowLimit))
        {
            html.Append("<tr>");
            foreach (var cell in row)
            {
                html.Append("<td>").Append(System.Net.WebUtility.HtmlEncode(Convert.ToString(cell, System.Globalization.CultureInfo.InvariantCulture) ?? "")).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
        if (frame.Rows.Count > DataFrameRowLimit)
        {
            html.Append(System.Globalization.CultureInfo.InvariantCulture, $"<p>… {frame.Rows.Count - DataFrameRowLimit} more rows ({frame.Rows.Count} in all)</p>\n");
        }

        return html.ToString();
    }

    private static void Log(string line) =>
        Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"[{(DateTime.Now - ProcessStart).TotalSeconds,6:F1} s] {line}"));
}
