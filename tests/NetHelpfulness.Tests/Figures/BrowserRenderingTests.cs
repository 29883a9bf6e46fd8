using System.Text.Json;
using NetHelpfulness.Figures;
using NetHelpfulness.Tests.Reproduce;
using PuppeteerSharp;

namespace NetHelpfulness.Tests.Figures;

/// <summary>
/// One headless Chromium (Debian's, never a downloaded one) and one <c>nethelp reproduce</c> run with images,
/// shared by the real-browser tests. Does nothing where Chromium is absent: those tests are skipped.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private string? _profile;

    public IBrowser? Browser { get; private set; }

    public SyntheticStudyFixture Study { get; } = new();

    public (int Code, string Stdout, string Stderr) Reproduction { get; private set; }

    public async Task InitializeAsync()
    {
        var chromium = FigureImageExporter.FindChromium();
        if (chromium is null)
        {
            return;
        }

        Reproduction = ReproduceCommandTests.Run("reproduce", "--coverage-replicates", "50", "--data", Study.Data, "--out", Study.Output, "--chromium", chromium);
        _profile = Directory.CreateTempSubdirectory("nethelp-browser-test-").FullName;
        Browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = chromium,
            Browser = SupportedBrowser.Chromium,
            Headless = true,
            UserDataDir = _profile,
            Args = [.. FigureImageExporter.LaunchArguments],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
            await Browser.DisposeAsync();
        }

        if (_profile is not null)
        {
            try
            {
                Directory.Delete(_profile, recursive: true);
            }
            catch (IOException)
            {
            }
        }

        Study.Dispose();
    }
}

/// <summary>Opens the HTML outputs in a real headless Chromium and checks what it drew.</summary>
public class BrowserRenderingTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private sealed record Visit(IPage Page, List<string> Errors, List<string> OtherRequests);

    [ChromiumFact]
    public async Task The_spectrum_renders_offline_with_its_traces_bars_and_labels()
    {
        var figure = FigureSamples.Spectrum();
        var file = Path.Combine(browser.Study.Root, "spectrum.html");
        await File.WriteAllTextAsync(file, figure.ToHtmlDocument());
        var visit = await OpenAsync(file, expectedFigures: 1);
        var json = await visit.Page.EvaluateFunctionAsync<string>("""
            () => {
              const gd = document.querySelector('.nethelp-figure');
              return JSON.stringify({
                names: gd.data.map(t => t.name),
                bars: [...gd.querySelectorAll('.barlayer .trace')].map(t => t.querySelectorAll('.point path').length),
                legend: [...gd.querySelectorAll('.legendtext')].map(t => t.textContent),
                rows: [...gd.querySelectorAll('.yaxislayer-above .ytick text')].map(t => t.textContent),
                axes: [...gd.querySelectorAll('.g-xtitle, .g-x2title, .g-x3title')].map(t => t.textContent),
                title: gd.querySelector('.gtitle').textContent
              });
            }
            """);
        await visit.Page.CloseAsync();
        using var drawn = JsonDocument.Parse(json);
        var root = drawn.RootElement;
        var names = root.GetProperty("names").EnumerateArray().Select(n => n.GetString()).ToList();
        var categories = FigureSamples.FivePoint.Select(c => c.Label).ToList();
        Assert.All(categories, c => Assert.Contains(c, names));
        Assert.Contains("published net score (article)", names);
        Assert.Contains("published % helpful and % creepy (article)", names);

        // One bar per scenario in each of the five category traces.
        var bars = root.GetProperty("bars").EnumerateArray().Select(b => b.GetInt32()).ToList();
        Assert.Equal(categories.Count, bars.Count);
        Assert.All(bars, b => Assert.Equal(FigureSamples.SpectrumRows().Count, b));

        var legend = root.GetProperty("legend").EnumerateArray().Select(l => l.GetString()).ToList();
        Assert.All(categories, c => Assert.Contains(c, legend));
        var rows = root.GetProperty("rows").EnumerateArray().Select(r => r.GetString()).ToList();
        Assert.Equal(["Sale alert", "In-aisle offer", "Retargeted ad, unknown brand", "Coffee ad after a chat"], rows.AsEnumerable().Reverse());
        Assert.Contains("net score (percentage points)", root.GetProperty("axes").EnumerateArray().Select(a => a.GetString()));
        Assert.Contains("SYNTHETIC", root.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Empty(visit.Errors);
        Assert.Empty(visit.OtherRequests);
    }

    [ChromiumFact]
    public async Task The_report_opens_offline_with_every_figure_rendered()
    {
        Assert.True(browser.Reproduction.Code == 0, browser.Reproduction.Stderr);
        var report = Path.Combine(browser.Study.Output, "report.html");
        // Every figure reproduce wrote must be drawn in the report.
        var written = Directory.GetFiles(Path.Combine(browser.Study.Output, "figures"), "*.html").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.Contains(StudyFigures.SpectrumName, written);
        var visit = await OpenAsync(report, expectedFigures: written.Count);
        var json = await visit.Page.EvaluateFunctionAsync<string>("""
            () => JSON.stringify([...document.querySelectorAll('.nethelp-figure')].map(gd => ({
              name: gd.dataset.figure,
              rendered: gd.dataset.rendered === 'true',
              svg: gd.querySelectorAll('.main-svg').length,
              traces: gd.querySelectorAll('.trace').length
            })))
            """);
        await visit.Page.CloseAsync();
        using var drawn = JsonDocument.Parse(json);
        var figures = drawn.RootElement.EnumerateArray().ToList();
        Assert.Equal(written, figures.Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(figures, f =>
        {
            Assert.True(f.GetProperty("rendered").GetBoolean());
            Assert.True(f.GetProperty("svg").GetInt32() > 0);
            Assert.True(f.GetProperty("traces").GetInt32() > 0);
        });
        Assert.Empty(visit.Errors);
        Assert.Empty(visit.OtherRequests);
    }

    [ChromiumFact]
    public async Task The_banner_renders_offline_without_a_console_error()
    {
        Assert.True(browser.Reproduction.Code == 0, browser.Reproduction.Stderr);
        var visit = await OpenAsync(Path.Combine(browser.Study.Output, "banners", "banner-by-country.html"), expectedFigures: 0);
        var json = await visit.Page.EvaluateFunctionAsync<string>("""
            () => JSON.stringify({
              caption: document.querySelector('.nethelp-banner caption').textContent,
              levels: [...document.querySelectorAll('.nethelp-banner thead tr:nth-child(2) th')].map(t => t.textContent),
              rows: document.querySelectorAll('.nethelp-banner tr.net').length,
              notes: document.querySelectorAll('.nethelp-banner .notes li').length,
              width: document.querySelector('.nethelp-banner table').getBoundingClientRect().width
            })
            """);
        await visit.Page.CloseAsync();
        using var drawn = JsonDocument.Parse(json);
        var root = drawn.RootElement;
        Assert.Contains("SYNTHETIC", root.GetProperty("caption").GetString(), StringComparison.Ordinal);
        Assert.Equal(SyntheticStudyFixture.Countries.Select(c => c.Code).Order(StringComparer.Ordinal).Select((code, k) => $"{code} {NetHelpfulness.Estimation.Banner.Letter(k)}"),
            root.GetProperty("levels").EnumerateArray().Select(l => l.GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(SyntheticStudyFixture.Scenarios.Length, root.GetProperty("rows").GetInt32());
        Assert.True(root.GetProperty("notes").GetInt32() >= 5);
        Assert.True(root.GetProperty("width").GetDouble() > 300);
        Assert.Empty(visit.Errors);
        Assert.Empty(visit.OtherRequests);
    }

    [ChromiumFact]
    public void Reproduce_exports_every_figure_as_png_and_svg()
    {
        Assert.True(browser.Reproduction.Code == 0, browser.Reproduction.Stderr);
        foreach (var name in new[] { StudyFigures.SpectrumName, StudyFigures.CountryByScenarioName })
        {
            var png = File.ReadAllBytes(Path.Combine(browser.Study.Output, "figures", name + ".png"));
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
            Assert.True(png.Length > 20_000, $"{name}.png has only {png.Length} bytes");
            var svg = File.ReadAllText(Path.Combine(browser.Study.Output, "figures", name + ".svg"));
            Assert.StartsWith("<svg", svg, StringComparison.Ordinal);
            Assert.Contains("</svg>", svg, StringComparison.Ordinal);
        }

        Assert.Contains("![", File.ReadAllText(Path.Combine(browser.Study.Output, "report.md")), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task No_two_tick_labels_of_a_report_figure_overlap()
    {
        Assert.True(browser.Reproduction.Code == 0, browser.Reproduction.Stderr);
        var written = Directory.GetFiles(Path.Combine(browser.Study.Output, "figures"), "*.html").Length;
        Assert.Empty(await TickLabelOverlapsAsync(Path.Combine(browser.Study.Output, "report.html"), written));
    }

    [ChromiumFact]
    public async Task No_two_tick_labels_overlap_with_the_shipped_studys_long_labels()
    {
        // The shipped catalogue's labels ("Loyalty-programme recommendations", …) across 19 countries: the heatmap's
        // column labels once ran into each other ("Birthday offerLoyalty-programme").
        var page = new HtmlPage("long labels");
        foreach (var figure in FigureSamples.WithShippedLabels())
        {
            page.AddFigure(figure);
        }

        var file = Path.Combine(browser.Study.Root, "long-labels.html");
        await File.WriteAllTextAsync(file, page.ToHtml());
        Assert.Empty(await TickLabelOverlapsAsync(file, page.FigureCount));
    }

    // Every pair of tick labels (x and y axes of every subplot) whose rendered boxes intersect, by figure: drawn in the
    // figures' own font (Liberation Sans where installed) and again in DejaVu Sans, the wider font a machine without
    // Liberation falls back to (where the heatmap's column labels once ran into each other).
    private async Task<List<string>> TickLabelOverlapsAsync(string file, int expectedFigures)
    {
        var visit = await OpenAsync(file, expectedFigures);
        var json = await visit.Page.EvaluateFunctionAsync<string>("""
            async () => {
              const overlaps = [];
              const measure = (gd, font) => {
                const labels = [...gd.querySelectorAll('.xaxislayer-above text, .yaxislayer-above text')]
                  .filter(t => t.textContent.trim().length > 0)
                  .map(t => ({ text: t.textContent, box: t.getBoundingClientRect() }));
                if (labels.length === 0) overlaps.push(`${gd.dataset.figure} (${font}): no tick labels found`);
                for (let i = 0; i < labels.length; i++)
                  for (let j = i + 1; j < labels.length; j++) {
                    const a = labels[i].box, b = labels[j].box;
                    if (a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5)
                      overlaps.push(`${gd.dataset.figure} (${font}): '${labels[i].text}' and '${labels[j].text}'`);
                  }
              };
              for (const gd of document.querySelectorAll('.nethelp-figure')) {
                measure(gd, 'own font');
                await Plotly.relayout(gd, { 'font.family': 'DejaVu Sans' });
                measure(gd, 'DejaVu Sans');
              }
              return JSON.stringify(overlaps);
            }
            """);
        await visit.Page.CloseAsync();
        Assert.Empty(visit.Errors);
        return JsonSerializer.Deserialize<List<string>>(json)!;
    }

    private async Task<Visit> OpenAsync(string file, int expectedFigures)
    {
        var page = await browser.Browser!.NewPageAsync();
        var url = new Uri(file).AbsoluteUri;
        var errors = new List<string>();
        var others = new List<string>();
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error)
            {
                lock (errors)
                {
                    errors.Add(e.Message.Text);
                }
            }
        };
        page.PageError += (_, e) =>
        {
            lock (errors)
            {
                errors.Add(e.Message);
            }
        };
        await page.SetRequestInterceptionAsync(true);
        page.Request += async (_, e) =>
        {
            // The file itself, and data: URLs that plotly.js makes in the page (feature checks, the heatmap's image), are not the network.
            if (e.Request.Url == url || e.Request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                await e.Request.ContinueAsync();
                return;
            }

            lock (others)
            {
                others.Add(e.Request.Url);
            }

            await e.Request.AbortAsync();
        };
        await page.GoToAsync(url);
        await page.WaitForFunctionAsync(
            $"() => document.querySelectorAll('.nethelp-figure[data-rendered=\"true\"]').length === {expectedFigures}",
            new WaitForFunctionOptions { Timeout = 30_000 });
        return new Visit(page, errors, others);
    }
}
