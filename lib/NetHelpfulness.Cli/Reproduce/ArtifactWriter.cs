using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text;
using NetHelpfulness.Figures;

namespace NetHelpfulness.Cli.Reproduce;

/// <summary>Writes the reproduction into a folder: figures, tables, report.md, report.html and manifest.json.</summary>
internal static class ArtifactWriter
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Outcome of the image export, for the report and the manifest.</summary>
    internal sealed record ImageOutcome(bool Written, string? Browser, string? SkippedBecause);

    public static IReadOnlyList<string> Write(ReproduceContext c, string folder)
    {
        var written = new List<string>();
        void Save(string relative, string text)
        {
            var path = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text, Utf8);
            written.Add(relative);
        }

        foreach (var table in c.Tables)
        {
            Save($"tables/{table.Name}.csv", table.ToCsv());
            Save($"tables/{table.Name}.md", $"# {table.Title}\n\n{table.ToMarkdown()}");
        }

        foreach (var figure in c.Figures)
        {
            Save($"figures/{figure.Name}.html", figure.ToHtmlDocument());
        }

        foreach (var (name, banner) in c.Banners)
        {
            Save($"banners/{name}.csv", banner.ToCsv());
            Save($"banners/{name}.md", banner.ToMarkdown());
            Save($"banners/{name}.html", BannerLayout.ToHtmlDocument(banner.Result, banner.Source));
            using (var workbook = File.Create(Path.Combine(folder, "banners", name + ".xlsx")))
            {
                BannerWorkbook.Write(banner.Result, banner.Source, workbook);
            }

            written.Add($"banners/{name}.xlsx");
        }

        var images = c.Settings.Images ? ExportImages(c, folder, written) : new ImageOutcome(false, null, "--no-images was given");
        Save("report.md", ReportMarkdown(c, images));
        Save("report.html", ReportHtml(c, images));
        Save(OutputFolder.Marker, Manifest(c, images, folder, written));
        return written;
    }

    private static ImageOutcome ExportImages(ReproduceContext c, string folder, List<string> written)
    {
        var chromium = FigureImageExporter.FindChromium(c.Settings.ChromiumPath);
        if (chromium is null)
        {
            var looked = c.Settings.ChromiumPath ?? Environment.GetEnvironmentVariable(FigureImageExporter.ChromiumVariable) ?? FigureImageExporter.DefaultChromiumPath;
            var reason = $"no browser at {looked}; {FigureImageExporter.InstallHint}";
            c.Report($"PNG and SVG skipped (HTML written): {reason}");
            return new ImageOutcome(false, null, reason);
        }

        var clock = Stopwatch.StartNew();
        c.Report($"starting {chromium} for PNG and SVG export");
        try
        {
            return ExportWith(c, chromium, folder, written, clock).GetAwaiter().GetResult();
        }
        catch (FigureExportException e)
        {
            c.Report($"PNG and SVG skipped (HTML written): {e.Message}");
            return new ImageOutcome(false, null, e.Message);
        }
    }

    private static async Task<ImageOutcome> ExportWith(ReproduceContext c, string chromium, string folder, List<string> written, Stopwatch clock)
    {
        await using var exporter = await FigureImageExporter.StartAsync(chromium).ConfigureAwait(false);
        c.ReportTimed($"browser ready: {exporter.BrowserVersion}", clock.Elapsed);
        foreach (var figure in c.Figures)
        {
            c.Interrupted.ThrowIfCancellationRequested();
            clock.Restart();
            var png = await exporter.ToPngAsync(figure).ConfigureAwait(false);
            await File.WriteAllBytesAsync(Path.Combine(folder, "figures", figure.Name + ".png"), png).ConfigureAwait(false);
            var svg = await exporter.ToSvgAsync(figure).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(folder, "figures", figure.Name + ".svg"), svg, Utf8).ConfigureAwait(false);
            written.Add($"figures/{figure.Name}.png");
            written.Add($"figures/{figure.Name}.svg");
            c.ReportTimed($"figures/{figure.Name}.png and .svg", clock.Elapsed);
        }

        return new ImageOutcome(true, exporter.BrowserVersion, null);
    }

    private static string ReportMarkdown(ReproduceContext c, ImageOutcome images)
    {
        var md = new StringBuilder();
        md.Append("# Reproduction report: the creepy-to-helpful study\n\n");
        md.Append("> ").Append(DataWarning(c)).Append("\n\n");
        md.Append("## Published vs reproduced\n\n").Append(ComparisonTable(c).ToMarkdown()).Append('\n');
        foreach (var table in c.Tables)
        {
            md.Append("## ").Append(table.Title).Append("\n\n").Append(table.ToMarkdown())
              .Append("\nFull precision: [tables/").Append(table.Name).Append(".csv](tables/").Append(table.Name).Append(".csv)\n\n");
        }

        if (c.Banners.Count > 0)
        {
            md.Append("## Banner tables\n\n");
            foreach (var (name, banner) in c.Banners)
            {
                md.Append("- ").Append(BannerLayout.Title(banner.Result)).Append(": [banners/").Append(name).Append(".md](banners/").Append(name).Append(".md)")
                  .Append(" · [HTML](banners/").Append(name).Append(".html) · [Excel](banners/").Append(name).Append(".xlsx) · [CSV](banners/").Append(name).Append(".csv)\n");
            }

            md.Append('\n');
        }

        md.Append("## Figures\n\n");
        foreach (var f in c.Figures)
        {
            md.Append("### ").Append(f.Title).Append("\n\n");
            if (images.Written)
            {
                md.Append("![").Append(f.Title).Append("](figures/").Append(f.Name).Append(".png)\n\n");
            }

            md.Append("Interactive: [figures/").Append(f.Name).Append(".html](figures/").Append(f.Name).Append(".html)")
              .Append(images.Written ? $" · vector: [figures/{f.Name}.svg](figures/{f.Name}.svg)" : "").Append("\n\n");
        }

        if (!images.Written)
        {
            md.Append("PNG and SVG were not written: ").Append(images.SkippedBecause).Append(".\n\n");
        }

        md.Append("## How this was made\n\n");
        foreach (var line in HowMade(c))
        {
            md.Append("- ").Append(line).Append('\n');
        }

        return md.ToString();
    }

    private static string ReportHtml(ReproduceContext c, ImageOutcome images)
    {
        var page = new HtmlPage("Reproduction report: the creepy-to-helpful study")
            .AddHeading(1, "Reproduction report: the creepy-to-helpful study")
            .AddParagraph(DataWarning(c))
            .AddHeading(2, "Published vs reproduced");
        var comparison = ComparisonTable(c);
        page.AddTable(comparison.Columns, comparison.DisplayRows);
        if (comparison.Note is not null)
        {
            page.AddParagraph(comparison.Note);
        }

        if (c.Banners.Count > 0)
        {
            page.AddHeading(2, "Banner tables");
            foreach (var (name, banner) in c.Banners)
            {
                page.AddParagraph($"{BannerLayout.Title(banner.Result)}: banners/{name}.html, banners/{name}.xlsx, banners/{name}.csv, banners/{name}.md");
            }
        }

        page.AddHeading(2, "Figures");
        foreach (var f in c.Figures)
        {
            page.AddHeading(3, f.Title).AddFigure(f);
        }

        if (!images.Written)
        {
            page.AddParagraph($"PNG and SVG were not written: {images.SkippedBecause}.");
        }

        foreach (var table in c.Tables)
        {
            page.AddHeading(2, table.Title).AddTable(table.Columns, table.DisplayRows);
            if (table.Note is not null)
            {
                page.AddParagraph(table.Note);
            }
        }

        page.AddHeading(2, "How this was made");
        foreach (var line in HowMade(c))
        {
            page.AddParagraph(line.Replace("`", "", StringComparison.Ordinal));
        }

        return page.ToHtml();
    }

    internal static ResultTable ComparisonTable(ReproduceContext c)
    {
        var percent = FormattableString.Invariant($"{c.Settings.Level * 100:0.#}%");
        var rows = c.Comparisons.Select(k => (IReadOnlyList<Cell>)
        [
            k.Item, k.Published,
            .. Reproduced(k, k.Unweighted), .. Reproduced(k, k.Weighted),
        ]).ToList();
        return new ResultTable("published-vs-reproduced", "Published vs reproduced",
            ["published number", "article", "unweighted", $"{percent} CI", "inside", "weighted (design-based)", $"{percent} CI", "inside"], rows,
            $"Unweighted: net scores with the Wald interval, shares with the linearized interval under equal weights, risk ratios with the Katz log interval. Weighted: design-based (linearized; delta method for ratios). "
            + "'inside' says whether the article's number, as printed (rounded), lies within the interval."
            + (c.IsSynthetic ? " The data are synthetic and calibrated so that their unweighted shares round to the article's numbers." : ""));
    }

    private static Cell[] Reproduced(Comparison k, (double Estimate, ConfidenceInterval Interval)? value)
    {
        if (value is not { } v)
        {
            return [Cell.Empty(k.Pending ?? "not reproduced"), Cell.Empty(""), Cell.Empty("")];
        }

        var ratio = k.Kind == ComparisonKind.Ratio;
        return
        [
            ratio ? new Cell(string.Create(CultureInfo.InvariantCulture, $"{v.Estimate:R}"), string.Create(CultureInfo.InvariantCulture, $"{v.Estimate:F2}×"))
                : k.IsPoints ? Cell.Points(v.Estimate) : Cell.Share(v.Estimate),
            new(string.Create(CultureInfo.InvariantCulture, $"{v.Interval.Lower:R};{v.Interval.Upper:R}"),
                ratio ? string.Create(CultureInfo.InvariantCulture, $"[{v.Interval.Lower:F2}×, {v.Interval.Upper:F2}×]") : Format.Interval(v.Interval, k.IsPoints)),
            v.Interval.Contains(k.PublishedValue) ? "yes" : "no",
        ];
    }

    private static string DataWarning(ReproduceContext c)
    {
        var survey = c.Inputs.First(i => i.Role == "survey");
        return c.IsSynthetic
            ? $"The respondent-level data ({survey.RelativePath}) are SYNTHETIC: generated to match the numbers the article published; the study's own data were never released. Only the published numbers are the article's."
            : $"Respondent-level data: {survey.RelativePath}.";
    }

    private static IEnumerable<string> HowMade(ReproduceContext c)
    {
        yield return "Command: `nethelp reproduce` " + string.Create(CultureInfo.InvariantCulture,
            $"(data folder `{c.Settings.DataDirectory}`, level {c.Settings.Level:0.###}, minimum cell {c.Settings.MinimumCell})");
        foreach (var note in c.MethodNotes)
        {
            yield return note;
        }

        foreach (var input in c.Inputs)
        {
            yield return $"Input `{input.RelativePath}` ({input.Role}): SHA-256 `{input.Sha256}`";
        }

        yield return "Versions, seeds and checksums of every output: manifest.json.";
    }

    private static string Manifest(ReproduceContext c, ImageOutcome images, string folder, List<string> written)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("tool", "nethelp reproduce");
            json.WriteString("created_utc", DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            json.WriteStartObject("settings");
            json.WriteString("data", c.Settings.DataDirectory);
            json.WriteNumber("level", c.Settings.Level);
            json.WriteNumber("min_cell", c.Settings.MinimumCell);
            json.WriteBoolean("images", images.Written);
            json.WriteEndObject();
            json.WriteStartArray("inputs");
            foreach (var input in c.Inputs)
            {
                json.WriteStartObject();
                json.WriteString("role", input.Role);
                json.WriteString("path", input.RelativePath);
                json.WriteString("sha256", input.Sha256);
                json.WriteNumber("bytes", input.Bytes);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartObject("seeds");
            foreach (var (step, seed) in c.Seeds)
            {
                json.WriteNumber(step, seed);
            }

            json.WriteEndObject();
            json.WriteStartObject("versions");
            json.WriteString("nethelp", Version(typeof(ArtifactWriter).Assembly));
            json.WriteString("NetHelpfulness", Version(typeof(NetScore).Assembly));
            json.WriteString("NetHelpfulness.Figures", Version(typeof(Figure).Assembly));
            json.WriteString("Plotly.NET", Version(typeof(Plotly.NET.GenericChart).Assembly));
            json.WriteString("plotly.js", Figure.PlotlyJsVersion);
            json.WriteString("FSharp.Core", Version(typeof(Microsoft.FSharp.Core.FSharpOption<int>).Assembly));
            json.WriteString("PuppeteerSharp", Version(typeof(PuppeteerSharp.Puppeteer).Assembly));
            json.WriteString("MathNet.Numerics", Version(typeof(MathNet.Numerics.Distributions.Normal).Assembly));
            json.WriteString("DocumentFormat.OpenXml", Version(typeof(DocumentFormat.OpenXml.Packaging.SpreadsheetDocument).Assembly));
            json.WriteString(".NET", Environment.Version.ToString());
            if (images.Browser is not null)
            {
                json.WriteString("browser", images.Browser);
            }

            json.WriteEndObject();
            if (images.SkippedBecause is not null)
            {
                json.WriteString("images_skipped", images.SkippedBecause);
            }

            json.WriteStartArray("outputs");
            foreach (var relative in written.Order(StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("path", relative);
                using var file = File.OpenRead(Path.Combine(folder, relative));
                json.WriteString("sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(file)));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    // Package versions: the informational version where a package sets one, else the file version.
    private static string Version(Assembly assembly)
    {
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion?.Split('+')[0];
        var file = assembly.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version;
        return informational is not null && informational != "1.0.0" ? informational : file ?? assembly.GetName().Version?.ToString() ?? "unknown";
    }
}
