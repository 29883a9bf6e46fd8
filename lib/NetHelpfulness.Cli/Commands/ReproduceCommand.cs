using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using NetHelpfulness.Cli.Reproduce;

namespace NetHelpfulness.Cli.Commands;

/// <summary><c>nethelp reproduce</c>: rebuilds the study's tables, figures and report from the shipped data, offline.</summary>
internal sealed class ReproduceCommand : ICommand
{
    public string Name => "reproduce";

    public string Summary => "rebuild every table, figure and the report from the data (offline)";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        new("data", "data folder with synthetic/survey.csv, scenarios.csv, published/ (default: data)", ValueName: "DIR"),
        new("out", "output folder, replaced as a whole at the end (default: artifacts/reproduce)", ValueName: "DIR"),
        new("no-images", "write HTML only, no PNG or SVG", IsFlag: true),
        new("chromium", "Chromium or Chrome executable for PNG/SVG (default: $NETHELP_CHROMIUM or /usr/bin/chromium)", ValueName: "PATH"),
        SurveyInput.LevelOption,
        new("min-cell", $"suppress estimates of groups with fewer respondents (default {Defaults.MinimumCell})", ValueName: "N"),
        new("coverage-replicates", "samples per cell of the coverage study (default 2000)", ValueName: "R"),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        // The figures are drawn by Plotly.NET, which serialises through reflection and needs the JIT. The native (Native
        // AOT) build of nethelp has none: there it refuses before reading anything, and the compiler, which knows this
        // switch is false there, leaves the whole figures stack out of that build (docs/native-build.md).
        if (!RuntimeFeature.IsDynamicCodeSupported)
        {
            throw new UsageException(
                "reproduce draws its figures with Plotly.NET, which needs the .NET runtime's JIT, and this is the native (AOT) " +
                "build of nethelp; run reproduce with the .NET tool (dotnet tool install nethelp) or " +
                "dotnet run --project lib/NetHelpfulness.Cli -- reproduce");
        }

        var settings = new ReproduceSettings(
            options.Get("data") ?? "data",
            options.Get("out") ?? Path.Combine("artifacts", "reproduce"),
            !options.Has("no-images"),
            options.Get("chromium"),
            options.Double("level", Defaults.Level, 0, 1),
            options.Int("min-cell", Defaults.MinimumCell, 1, 1_000_000),
            options.Int("coverage-replicates", ReproduceSteps.CoverageReplicates, 10, 1_000_000));
        if (!Directory.Exists(settings.DataDirectory))
        {
            throw new UsageException($"--data {settings.DataDirectory}: no such folder");
        }

        // Ctrl-C or SIGTERM cancels the run between steps: the staging folder is discarded and the previous
        // artifacts stay as they were. Once the new folder is being moved into place, the move is allowed to finish.
        using var interruption = new CancellationTokenSource();
        var committing = false;
        void Interrupt(PosixSignalContext signal)
        {
            signal.Cancel = true;
            if (!Volatile.Read(ref committing))
            {
                interruption.Cancel();
            }
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        var context = new ReproduceContext(settings, stderr) { Interrupted = interruption.Token };

        // Known inputs are checked against --out before anything is read, so a bad --out never touches them.
        var inputs = new[] { ReproduceSteps.SurveyFile, ReproduceSteps.ScenariosFile, ReproduceSteps.Figure1File, ReproduceSteps.TrustSignalsFile, ReproduceSteps.TrustFile }
            .Select(f => Path.Combine(settings.DataDirectory, f));
        var output = OutputFolder.Prepare(settings.OutputDirectory, settings.DataDirectory, inputs);
        IReadOnlyList<string> written;
        try
        {
            ReproduceSteps.Run(context);
            written = ArtifactWriter.Write(context, output.Staging);
            Volatile.Write(ref committing, true);
            interruption.Token.ThrowIfCancellationRequested();
            output.Commit();
        }
        catch (OperationCanceledException) when (interruption.IsCancellationRequested)
        {
            output.Discard();
            throw new InterruptedException($"interrupted: nothing was written; {settings.OutputDirectory} is as it was");
        }
        catch
        {
            output.Discard();
            throw;
        }

        context.ReportTimed($"done: {settings.OutputDirectory}", context.Elapsed);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"wrote {written.Count} files to {settings.OutputDirectory}:").Append('\n');
        foreach (var file in written)
        {
            text.Append("  ").Append(file).Append('\n');
        }

        return text.ToString();
    }
}
