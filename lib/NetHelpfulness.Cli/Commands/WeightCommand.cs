using System.Globalization;
using System.Text;
using NetHelpfulness.Cli.Output;
using NetHelpfulness.Estimation.Calibration;

namespace NetHelpfulness.Cli.Commands;

/// <summary>
/// <c>nethelp weight</c>: calibrates the design weights to population margins (post-stratification, raking, linear or
/// bounded calibration) and writes <c>respondent_id,weight</c>, with a summary of the weighting on stderr.
/// </summary>
internal sealed class WeightCommand : ICommand
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public string Name => "weight";

    public string Summary => "calibrate the design weights to population margins (poststratify, rake, linear, ...) and write respondent_id,weight";

    public IReadOnlyList<OptionSpec> Options { get; } =
    [
        .. SurveyInput.Options,
        .. CalibrationInput.Options(CalibrationInput.WeightCommand),
        new("out", "the CSV file to write: the respondent id column and weight (written to a temporary file beside it, then moved into place)", ValueName: "FILE"),
        new("force", "replace FILE if it exists", IsFlag: true),
    ];

    public string Run(ParsedOptions options, TextWriter stderr)
    {
        var input = options.Require("input");
        var margins = options.Get("margins") ?? throw new UsageException("--margins FILE is required: the population totals, CSV variable,level,total");
        var path = options.Require("out");
        var target = OutputFile.CheckTarget(path, options.Has("force"));
        foreach (var (option, file) in new[] { ("--input", input), ("--margins", margins) })
        {
            if (string.Equals(Path.GetFullPath(file), target, StringComparison.Ordinal))
            {
                throw new UsageException($"--out '{path}' is the {option} file; write the weights to another file");
            }
        }

        var survey = SurveyInput.Load(options, stderr, calibrationNames: CalibrationInput.WeightCommand);
        var result = SurveyCalibration.Calibrate(survey, SurveyInput.Spec(options, CalibrationInput.WeightCommand));
        if (!result.Succeeded)
        {
            throw new CalibrationException(result.Problem!);
        }

        var idColumn = options.Get("id") ?? "respondent_id";
        OutputFile.WriteAtomically(target, stream =>
        {
            using var writer = new StreamWriter(stream, new UTF8Encoding(false), leaveOpen: true) { NewLine = "\n" };
            writer.WriteLine($"{Csv.Quote(idColumn)},weight");
            var ids = survey.RespondentIds;
            for (var i = 0; i < ids.Count; i++)
            {
                writer.Write(Csv.Quote(ids[i]));
                writer.Write(',');
                writer.WriteLine(result.Weights[i].ToString("R", Inv));
            }
        }, options.Has("force"));

        stderr.Write(Describe(result, survey.RespondentCount, path, idColumn));
        return "";
    }

    /// <summary>The summary of a calibration: convergence, the weights' spread and Kish's design effect.</summary>
    internal static string Describe(CalibrationResult result, int respondents, string path, string idColumn)
    {
        var spec = result.Spec;
        var text = new StringBuilder();
        text.Append(Inv, $"nethelp weight: {spec.Describe()}\n");
        text.Append(spec.Method switch
        {
            CalibrationMethod.Rake => string.Create(Inv,
                $"converged in {result.Iterations} passes: largest change of a cell's weighted count in the last pass {result.LargestChange:G4} (tolerance {spec.EffectiveTolerance:G4}{(spec.EffectiveTolerance < 1 ? " of the starting weights' sum" : "")})\n"),
            _ when spec.IsIterative => string.Create(Inv,
                $"converged in {result.Iterations} iterations: largest |target − achieved| / (1 + |target|) {result.LargestChange:G4} (tolerance {spec.EffectiveTolerance:G4})\n"),
            _ => string.Create(Inv, $"closed form: largest |target − achieved| / (1 + |target|) {result.LargestChange:G4}\n"),
        });
        if (result.UsedExactDerivative)
        {
            text.Append("R's grake iterations did not converge (their derivative of the truncated raking function is not the function's); these weights are Newton's with the exact derivative, where R's calibrate would have failed\n");
        }

        if (result.FactorScale != 1)
        {
            text.Append(Inv, $"the bounds apply to the starting weights scaled by {result.FactorScale:G6} (every population total is more than 20 times the sample's; as R grake)\n");
        }

        var (w, d) = (result.Weighting, result.StartingWeighting);
        text.Append(Inv, $"weights: {respondents} respondents, sum {Format.Decimal(w.Sum, 2)}, min {w.Minimum:G6}, max {w.Maximum:G6}, max/min {Format.Decimal(w.Ratio, 2)}; ");
        text.Append(Inv, $"factors w/d from {result.MinimumFactor:G6} to {result.MaximumFactor:G6}\n");
        text.Append(Inv, $"Kish design effect from weighting {Format.Decimal(w.DesignEffect, 3)}, effective n {Format.Decimal(w.EffectiveN, 1)} ");
        text.Append(Inv, $"(starting weights: {Format.Decimal(d.DesignEffect, 3)}, {Format.Decimal(d.EffectiveN, 1)}; max/min {Format.Decimal(d.Ratio, 2)})\n");
        text.Append(Inv, $"margins met to a relative {result.LargestMarginError:G3} (largest |achieved − target| / target)\n");
        text.Append(Inv, $"wrote {path}: {respondents} rows of {idColumn},weight\n");
        return text.ToString();
    }
}
