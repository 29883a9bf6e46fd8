using System.Globalization;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Cli;

/// <summary>The names a command gives the margins file and the method: <c>--calibrate/--calibration</c> on the survey commands, <c>--margins/--method</c> on <c>weight</c>.</summary>
internal sealed record CalibrationOptionNames(string Margins, string Method);

/// <summary>The calibration options: margins file, method, bounds, tolerance, iterations, shares.</summary>
internal static class CalibrationInput
{
    /// <summary><c>score</c>, <c>compare</c>, <c>effects</c>: <c>--calibrate M --calibration METHOD</c>.</summary>
    public static CalibrationOptionNames SurveyCommand { get; } = new("calibrate", "calibration");

    /// <summary><c>weight</c>: <c>--margins M --method METHOD</c>.</summary>
    public static CalibrationOptionNames WeightCommand { get; } = new("margins", "method");

    private static readonly string MethodNames = string.Join(", ", Enum.GetValues<CalibrationMethod>().Select(CalibrationSpec.NameOf));

    public static IReadOnlyList<OptionSpec> Options(CalibrationOptionNames names) =>
    [
        new(names.Margins, names == SurveyCommand
            ? "calibrate the design weights to population margins: CSV variable,level,total (see docs/calibration.md)"
            : "population margins: CSV variable,level,total (see docs/calibration.md)", ValueName: "FILE"),
        new(names.Method, $"with --{names.Margins}: {MethodNames}", ValueName: "METHOD"),
        new("bounds", $"with --{names.Margins}: bounds L,U on the factors w/d (linear, raking, logit; as R calibrate(bounds = ))", ValueName: "L,U"),
        new("tolerance", $"with --{names.Margins}: convergence tolerance (rake: R's epsilon, default 1, a count, below 1 a fraction of the weights' sum; raking, logit, bounded linear: default 1e-7)", ValueName: "E"),
        new("max-iterations", $"with --{names.Margins}: most passes (rake, default 10) or Newton iterations (default 50)", ValueName: "K"),
        new("margins-as-shares", $"with --{names.Margins}: the total column holds shares of the population (each variable's add up to 1)", IsFlag: true),
        new("population", "with --margins-as-shares: the population size N the shares are of", ValueName: "N"),
    ];

    /// <summary>The calibration the options ask for, or null; the margins file is read and checked here.</summary>
    public static CalibrationSpec? Read(ParsedOptions options, CalibrationOptionNames names)
    {
        var path = options.Get(names.Margins);
        if (path is null)
        {
            var stray = new[] { names.Method, "bounds", "tolerance", "max-iterations", "margins-as-shares", "population" }.FirstOrDefault(options.Has);
            return stray is null ? null : throw new UsageException($"--{stray} applies with --{names.Margins} FILE only");
        }

        var methodName = options.Get(names.Method) ?? throw new UsageException($"--{names.Margins} needs --{names.Method} METHOD ({MethodNames})");
        var method = CalibrationSpec.Parse(methodName) ?? throw new UsageException($"--{names.Method} must be one of {MethodNames}; got '{methodName}'");
        var asShares = options.Has("margins-as-shares");
        if (asShares != options.Has("population"))
        {
            throw new UsageException(asShares ? "--margins-as-shares needs --population N (the population the shares are of)" : "--population applies with --margins-as-shares only");
        }

        var population = asShares ? options.Double("population", 0, 0, double.PositiveInfinity) : (double?)null;
        var bounds = options.Get("bounds") is { } text ? Bounds(text) : (CalibrationBounds?)null;
        double? tolerance = options.Has("tolerance") ? options.Double("tolerance", 0, 0, double.PositiveInfinity) : null;
        int? maxIterations = options.Has("max-iterations") ? options.Int("max-iterations", 0, 1, 1_000_000) : null;
        var margins = PopulationMargins.ReadFile(path, new MarginsReadOptions { AsShares = asShares, Population = population });
        CalibrationSpec spec;
        try
        {
            spec = new CalibrationSpec(margins, method, bounds, tolerance, maxIterations);
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--{names.Method} {methodName}: {FirstSentence(e.Message)}");
        }

        return (tolerance is not null || maxIterations is not null) && !spec.IsIterative
            ? throw new UsageException($"--tolerance and --max-iterations apply to rake, raking, logit and bounded linear calibration; {methodName} is a closed form")
            : spec;
    }

    /// <summary>The columns a calibration reads (each variable, and the parts of a crossed one), to keep when the survey is read.</summary>
    public static IEnumerable<string> Columns(CalibrationSpec? calibration) =>
        calibration?.Margins.Variables.SelectMany(v => v.Name.Split(':').Prepend(v.Name)).Distinct(StringComparer.Ordinal) ?? [];

    private static CalibrationBounds Bounds(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lower)
            || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var upper))
        {
            throw new UsageException($"--bounds must be two numbers L,U with L < 1 < U, for example 0.3,3 ('.' as decimal point); got '{text}'");
        }

        var bounds = new CalibrationBounds(lower, upper);
        return bounds.Problem is { } problem ? throw new UsageException($"--bounds {text}: {problem}") : bounds;
    }

    // ArgumentException appends " (Parameter 'x')" to its message; the user needs the sentence only.
    private static string FirstSentence(string message)
    {
        var parameter = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return parameter >= 0 ? message[..parameter] : message;
    }
}
