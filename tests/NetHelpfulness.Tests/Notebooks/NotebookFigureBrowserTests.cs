using System.Text.Json;
using NetHelpfulness.Estimation;
using NetHelpfulness.Figures;
using NetHelpfulness.Notebooks;
using NetHelpfulness.Tests.Figures;
using PuppeteerSharp;

namespace NetHelpfulness.Tests.Notebooks;

/// <summary>One headless Chromium (Debian's) for the notebook-output tests; nothing where Chromium is absent (they are skipped).</summary>
public sealed class NotebookBrowserFixture : IAsyncLifetime
{
    public IBrowser? Browser { get; private set; }

    public string? Folder { get; private set; }

    public async Task InitializeAsync()
    {
        if (FigureImageExporter.FindChromium() is not { } chromium)
        {
            return;
        }

        Folder = Directory.CreateTempSubdirectory("nethelp-notebook-figure-").FullName;
        Browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = chromium,
            Browser = SupportedBrowser.Chromium,
            Headless = true,
            UserDataDir = Path.Combine(Folder, "profile"),
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

        if (Folder is not null)
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>
/// A notebook's figure output in a real headless Chromium: with plotly.js embedded once, the chart draws and the static
/// image folds away; without scripts, the static image is what shows and no empty chart area is left.
/// </summary>
[Collection(FacadeSettings.Collection)]
public sealed class NotebookFigureBrowserTests(NotebookBrowserFixture browser) : IClassFixture<NotebookBrowserFixture>
{
    [ChromiumFact]
    public async Task WithScriptsTheChartDrawsOfflineAndTheStaticImageFoldsAway()
    {
        // As in a notebook: plotly.js comes from its own (earlier or later) output; here after the figures, which wait for it.
        var first = Figure("a", 2.5);
        var second = Figure("b", 1.6);
        var state = await OpenAsync(first.Html + second.Html + NotebookFigures.PlotlyScript().Html, javaScript: true, wantRendered: 2);

        Assert.Equal(2, state.Count);
        Assert.All(state, f =>
        {
            Assert.True(f.GetProperty("rendered").GetBoolean());
            Assert.True(f.GetProperty("chartVisible").GetBoolean());
            Assert.False(f.GetProperty("staticOpen").GetBoolean());
            Assert.True(f.GetProperty("points").GetInt32() > 0);
        });
    }

    [ChromiumFact]
    public async Task WithoutScriptsTheStaticImageShowsAndTheChartAreaStaysHidden()
    {
        var figure = Figure("a", 2.5);
        var state = await OpenAsync(figure.Html + NotebookFigures.PlotlyScript().Html, javaScript: false, wantRendered: 0);

        var only = Assert.Single(state);
        Assert.False(only.GetProperty("chartVisible").GetBoolean());
        Assert.True(only.GetProperty("staticOpen").GetBoolean());
        Assert.Equal(900, only.GetProperty("imageWidth").GetInt32());
    }

    [ChromiumFact]
    public async Task WithoutPlotlyJsTheStaticImageStays()
    {
        var state = await OpenAsync(Figure("a", 2.5).Html, javaScript: true, wantRendered: 0);

        var only = Assert.Single(state);
        Assert.False(only.GetProperty("rendered").GetBoolean());
        Assert.False(only.GetProperty("chartVisible").GetBoolean());
        Assert.True(only.GetProperty("staticOpen").GetBoolean());
    }

    private static NotebookFigure Figure(string label, double ratio) =>
        NotebookFigures.TrustSignals([new LabelledRatio(label, new EffectEstimate(ratio, 0.05, new ConfidenceInterval(ratio * 0.9, ratio * 1.1, 0.95), EffectMethod.KatzLog), ratio)]);

    private async Task<List<JsonElement>> OpenAsync(string body, bool javaScript, int wantRendered)
    {
        var file = Path.Combine(browser.Folder!, Guid.NewGuid().ToString("N") + ".html");
        await File.WriteAllTextAsync(file, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + body + "</body></html>");
        var page = await browser.Browser!.NewPageAsync();
        try
        {
            await page.SetViewportAsync(new ViewPortOptions { Width = 1300, Height = 900 });
            await page.SetJavaScriptEnabledAsync(javaScript);
            await page.GoToAsync(new Uri(file).AbsoluteUri);
            if (wantRendered > 0)
            {
                await page.WaitForFunctionAsync($"() => document.querySelectorAll('.nethelp-chart[data-rendered=\"true\"]').length === {wantRendered}",
                    new WaitForFunctionOptions { Timeout = 30_000 });
            }
            else if (javaScript)
            {
                await Task.Delay(500); // long enough for a figure that would draw to have drawn
            }

            // Read with scripts off too: evaluation through the DevTools protocol is not page script.
            var json = await page.EvaluateFunctionAsync<string>("""
                () => JSON.stringify([...document.querySelectorAll('.nethelp-notebook-figure')].map(root => {
                  const chart = root.querySelector('.nethelp-chart'), still = root.querySelector('.nethelp-static'), img = still.querySelector('img');
                  return {
                    rendered: chart.dataset.rendered === 'true',
                    chartVisible: getComputedStyle(chart).display !== 'none',
                    staticOpen: still.open,
                    imageWidth: img && still.open && img.complete ? Math.round(img.getBoundingClientRect().width) : 0,
                    points: chart.querySelectorAll('.point').length
                  };
                }))
                """);
            using var document = JsonDocument.Parse(json);
            return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
        }
        finally
        {
            await page.CloseAsync();
        }
    }
}
