using System.Text;
using PuppeteerSharp;

namespace NetHelpfulness.Figures;

/// <summary>A figure could not be exported as an image (the browser failed or was closed).</summary>
public sealed class FigureExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public FigureExportException(string message, Exception? inner = null) : base(message, inner) { }

    /// <summary>Creates the exception with no message.</summary>
    public FigureExportException() { }

    /// <summary>Creates the exception with a message.</summary>
    public FigureExportException(string message) : base(message) { }
}

/// <summary>
/// Exports figures as PNG and SVG with a locally installed Chromium (never a downloaded browser), driven headless
/// through PuppeteerSharp: one browser and one page, with plotly.js loaded once, serve every figure
/// (<c>Plotly.toImage</c>). Works offline. Dispose it to close the browser and remove its temporary profile.
/// </summary>
public sealed class FigureImageExporter : IAsyncDisposable
{
    /// <summary>Where Debian's <c>chromium</c> package installs the browser.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    /// <summary>Environment variable that may name another Chromium or Chrome executable.</summary>
    public const string ChromiumVariable = "NETHELP_CHROMIUM";

    /// <summary>How to get a browser, for messages when none is found.</summary>
    public const string InstallHint =
        "install Chromium (Debian/Ubuntu: 'sudo apt-get install chromium'), or name a Chromium/Chrome executable with --chromium PATH or the NETHELP_CHROMIUM environment variable";

    /// <summary>Arguments the browser is started with: headless, sandbox off (containers, root), no background traffic.</summary>
    public static IReadOnlyList<string> LaunchArguments { get; } =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
    ];

    private readonly IBrowser _browser;
    private readonly IPage _page;
    private readonly string _profile;

    private FigureImageExporter(IBrowser browser, IPage page, string profile, string version)
    {
        _browser = browser;
        _page = page;
        _profile = profile;
        BrowserVersion = version;
    }

    /// <summary>The browser's product and version, for manifests.</summary>
    public string BrowserVersion { get; }

    /// <summary>
    /// The Chromium executable to use: <paramref name="explicitPath"/> when given, else <c>NETHELP_CHROMIUM</c>, else
    /// <see cref="DefaultChromiumPath"/>; null when that file does not exist.
    /// </summary>
    public static string? FindChromium(string? explicitPath = null)
    {
        var path = explicitPath ?? Environment.GetEnvironmentVariable(ChromiumVariable) ?? DefaultChromiumPath;
        return path.Length > 0 && File.Exists(path) ? Path.GetFullPath(path) : null;
    }

    /// <summary>Starts the browser and loads plotly.js into its page.</summary>
    /// <param name="chromiumPath">The browser executable.</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    /// <exception cref="FigureExportException">The browser did not start or could not load plotly.js.</exception>
    public static async Task<FigureImageExporter> StartAsync(string chromiumPath, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(chromiumPath);
        var profile = Directory.CreateTempSubdirectory("nethelp-chromium-").FullName;
        IBrowser? browser = null;
        try
        {
            browser = await LaunchAsync(chromiumPath, profile).WaitAsync(cancellationToken).ConfigureAwait(false);
            var page = await browser.NewPageAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var host = Path.Combine(profile, "plotly-host.html");
            await File.WriteAllTextAsync(host, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + PlotlyJavaScript.ScriptBlock() + "</head><body></body></html>",
                Encoding.UTF8, cancellationToken).ConfigureAwait(false);
            await page.GoToAsync(new Uri(host).AbsoluteUri).WaitAsync(cancellationToken).ConfigureAwait(false);
            if (!await page.EvaluateExpressionAsync<bool>("typeof window.Plotly === 'object'").ConfigureAwait(false))
            {
                throw new FigureExportException("plotly.js did not load in the browser");
            }

            var version = await browser.GetVersionAsync().ConfigureAwait(false);
            return new FigureImageExporter(browser, page, profile, version);
        }
        catch (Exception e) when (e is PuppeteerException or IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            await CloseAsync(browser, profile).ConfigureAwait(false);
            throw new FigureExportException($"could not start {chromiumPath}: {e.Message}", e);
        }
        catch
        {
            await CloseAsync(browser, profile).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The figure as PNG, at <paramref name="scale"/> times its size in CSS pixels.</summary>
    /// <exception cref="FigureExportException">The browser failed.</exception>
    public async Task<byte[]> ToPngAsync(Figure figure, double scale = 2)
    {
        ArgumentNullException.ThrowIfNull(figure);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        var url = await ToImageAsync(figure, "png", scale).ConfigureAwait(false);
        const string prefix = "data:image/png;base64,";
        return url.StartsWith(prefix, StringComparison.Ordinal)
            ? Convert.FromBase64String(url[prefix.Length..])
            : throw new FigureExportException($"{figure.Name}: the browser returned no PNG");
    }

    /// <summary>The figure as an SVG document.</summary>
    /// <exception cref="FigureExportException">The browser failed.</exception>
    public async Task<string> ToSvgAsync(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        var url = await ToImageAsync(figure, "svg", 1).ConfigureAwait(false);
        const string prefix = "data:image/svg+xml,";
        return url.StartsWith(prefix, StringComparison.Ordinal)
            ? StableIds(Uri.UnescapeDataString(url[prefix.Length..]), figure.Name)
            : throw new FigureExportException($"{figure.Name}: the browser returned no SVG");
    }

    /// <summary>
    /// plotly.js names the SVG's definitions with a random six-hex-digit uid (<c>defs-3f9a1c</c>, <c>clip3f9a1cxyplot</c>);
    /// it is replaced by one derived from the figure's name, so the same figure gives the same bytes on every run.
    /// Only occurrences inside identifiers (after a letter, a hyphen, or a numbered legend such as <c>legend2</c>) are
    /// replaced, never a colour such as #3f9a1c or a number.
    /// </summary>
    internal static string StableIds(string svg, string figureName)
    {
        var match = System.Text.RegularExpressions.Regex.Match(svg, "id=\"defs-([0-9a-f]{6})\"");
        if (!match.Success)
        {
            return svg;
        }

        var stable = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(figureName)))[..6];
        return System.Text.RegularExpressions.Regex.Replace(svg, "(?<=[A-Za-z-]|legend[0-9]+)" + match.Groups[1].Value, stable);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await CloseAsync(_browser, _profile).ConfigureAwait(false);

    private async Task<string> ToImageAsync(Figure figure, string format, double scale)
    {
        const string script = """
            (json, format, width, height, scale) => {
              const spec = JSON.parse(json);
              return Plotly.toImage({ data: spec.data, layout: spec.layout, config: spec.config || {} },
                                    { format: format, width: width, height: height, scale: scale });
            }
            """;
        try
        {
            return await _page.EvaluateFunctionAsync<string>(script, figure.SpecJson, format, figure.Width, figure.Height, scale).ConfigureAwait(false);
        }
        catch (PuppeteerException e)
        {
            throw new FigureExportException($"{figure.Name}: {format} export failed: {e.Message}", e);
        }
    }

    private static Task<IBrowser> LaunchAsync(string chromiumPath, string profile) =>
        Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = chromiumPath,
            Browser = SupportedBrowser.Chromium,
            Headless = true,
            UserDataDir = profile,
            Args = [.. LaunchArguments],
            Timeout = 60_000,
        });

    private static async Task CloseAsync(IBrowser? browser, string profile)
    {
        if (browser is not null)
        {
            try
            {
                await browser.CloseAsync().ConfigureAwait(false);
            }
            catch (PuppeteerException)
            {
                // Already gone; the profile is removed below either way.
            }

            await browser.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
            // The browser may still hold a file for a moment; a leftover temporary folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
