using System.Globalization;

namespace NetHelpfulness.Notebooks;

/// <summary>The format of the static image shown beside each interactive chart.</summary>
public enum StaticImageFormat
{
    /// <summary>PNG (the default): shown by every notebook viewer, including those that strip SVG.</summary>
    Png,

    /// <summary>SVG: scalable, text stays text.</summary>
    Svg,

    /// <summary>No static image (no browser is started); the output says so.</summary>
    None,
}

/// <summary>A static image of a figure, or why there is none.</summary>
/// <param name="Format">Its format; <see cref="StaticImageFormat.None"/> when there is no image.</param>
/// <param name="Bytes">The PNG or UTF-8 SVG bytes, or null.</param>
/// <param name="Note">One line for the reader: how the image was made, or why there is none.</param>
public sealed record StaticImage(StaticImageFormat Format, byte[]? Bytes, string Note)
{
    /// <summary>The image as a data URI for an <c>img</c> element, or null.</summary>
    public string? DataUri => Bytes is null ? null
        : (Format == StaticImageFormat.Svg ? "data:image/svg+xml;base64," : "data:image/png;base64,") + Convert.ToBase64String(Bytes);
}

/// <summary>
/// Exports static images with the figures library's <c>FigureImageExporter</c> (a local Chromium, never a downloaded
/// one): one browser for the whole kernel session, started in the background when the notebook embeds plotly.js (so that
/// it is ready by the first figure), closed when the process exits, and stopped by <see cref="BrowserWatchdog"/> if the
/// kernel is killed.
/// </summary>
internal static class StaticImages
{
    private static readonly Lock Gate = new();
    private static Task<object>? _exporter;
    private static string? _exporterChromium;
    private static bool _closeOnExit;

    /// <summary>The Chromium to use, or null when there is none.</summary>
    public static string? FindChromium(FiguresRuntime runtime, string? chromiumPath) =>
        (string?)FiguresRuntime.Call(runtime.Exporter, "FindChromium", chromiumPath);

    /// <summary>Starts the browser in the background, if images are wanted and a browser is there; failures surface at the first figure.</summary>
    public static void StartEarly(FiguresRuntime runtime, StaticImageFormat format, string? chromiumPath)
    {
        if (format != StaticImageFormat.None && FindChromium(runtime, chromiumPath) is { } chromium)
        {
            _ = Exporter(runtime, chromium).ContinueWith(t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
    }

    public static StaticImage Export(FiguresRuntime runtime, FigureData figure, StaticImageFormat format, string? chromiumPath)
    {
        if (format == StaticImageFormat.None)
        {
            return new StaticImage(StaticImageFormat.None, null, "No static image (NotebookFigures.StaticImages is None).");
        }

        if (FindChromium(runtime, chromiumPath) is not { } chromium)
        {
            var looked = chromiumPath ?? Environment.GetEnvironmentVariable(FiguresRuntime.Constant(runtime.Exporter, "ChromiumVariable"))
                ?? FiguresRuntime.Constant(runtime.Exporter, "DefaultChromiumPath");
            return new StaticImage(StaticImageFormat.None, null,
                $"No static image: Chromium was not found at '{looked}'; {FiguresRuntime.Constant(runtime.Exporter, "InstallHint")}. The interactive chart needs a viewer that runs scripts.");
        }

        try
        {
            // On the thread pool, so that no synchronisation context of the host can deadlock the wait.
            return Task.Run(() => ExportAsync(runtime, figure, format, chromium)).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return new StaticImage(StaticImageFormat.None, null, $"No static image: exporting with {chromium} failed: {e.Message}");
        }
    }

    /// <summary>Closes the browser, if one was started (waiting for a start in progress).</summary>
    public static void Close()
    {
        Task<object>? exporter;
        lock (Gate)
        {
            (exporter, _exporter, _exporterChromium) = (_exporter, null, null);
        }

        if (exporter is not null)
        {
            Task.Run(async () =>
            {
                if (await exporter.ConfigureAwait(false) is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync().ConfigureAwait(false);
                }
            }).ContinueWith(t => t.Exception, TaskScheduler.Default).Wait(TimeSpan.FromSeconds(10));
        }
    }

    private static async Task<StaticImage> ExportAsync(FiguresRuntime runtime, FigureData figure, StaticImageFormat format, string chromium)
    {
        var exporter = await Exporter(runtime, chromium).ConfigureAwait(false);
        var version = (string?)FiguresRuntime.Get(exporter.GetType(), "BrowserVersion", exporter);
        if (format == StaticImageFormat.Svg)
        {
            var svg = (string)(await Result(FiguresRuntime.CallOn(exporter, "ToSvgAsync", figure.Figure)).ConfigureAwait(false))!;
            return new StaticImage(StaticImageFormat.Svg, System.Text.Encoding.UTF8.GetBytes(svg), $"Static image (SVG, exported with {version})");
        }

        var png = (byte[])(await Result(FiguresRuntime.CallOn(exporter, "ToPngAsync", figure.Figure, 1.0)).ConfigureAwait(false))!;
        return new StaticImage(StaticImageFormat.Png, png,
            string.Create(CultureInfo.InvariantCulture, $"Static image (PNG, {figure.Width}×{figure.Height}, exported with {version})"));
    }

    // One start per browser path: later calls share it, and a failed start is reported by every figure rather than retried.
    private static Task<object> Exporter(FiguresRuntime runtime, string chromium)
    {
        Task<object>? previous;
        Task<object> started;
        lock (Gate)
        {
            if (_exporter is not null && _exporterChromium == chromium)
            {
                return _exporter;
            }

            previous = _exporter;
            _exporterChromium = chromium;
            _exporter = started = Task.Run(async () =>
                (await Result(FiguresRuntime.Call(runtime.Exporter, "StartAsync", BrowserWatchdog.Wrap(chromium), CancellationToken.None)).ConfigureAwait(false))!);
            if (!_closeOnExit)
            {
                _closeOnExit = true;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => Close();
            }
        }

        if (previous is not null)
        {
            _ = previous.ContinueWith(async t =>
            {
                if (t.IsCompletedSuccessfully && t.Result is IAsyncDisposable disposable)
                {
                    await disposable.DisposeAsync().ConfigureAwait(false);
                }
            }, TaskScheduler.Default);
        }

        return started;
    }

    private static async Task<object?> Result(object? task)
    {
        var awaited = (Task)task!;
        await awaited.ConfigureAwait(false);
        return awaited.GetType().GetProperty("Result")!.GetValue(awaited);
    }
}
